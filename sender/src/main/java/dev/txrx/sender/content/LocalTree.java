package dev.txrx.sender.content;

import dev.txrx.common.io.FileNameCharset;
import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Glob;
import dev.txrx.common.transport.LocalFailureException;
import dev.txrx.common.report.Totals;
import dev.txrx.common.transport.Threads;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files and directories named by {@code --send}. Each argument becomes an entry named by
 * its last path segment; a directory brings its whole tree, with relative paths below that
 * name. Symbolic links and special files are skipped, with one warning the first time a scan
 * skips them ({@link SkippedEntries}). The tree is scanned again for every session, so each
 * receiver gets the files as they are when it asks. It owns the
 * threads that read the files for their checksums while they are sent, and stops them when closed.
 */
public final class LocalTree implements ContentSource {

    private static final Logger log = LoggerFactory.getLogger(LocalTree.class);

    /**
     * One file or directory, with the name it has on the wire, and the key (device and inode) that
     * identifies the file the scan saw, or null where the file system has none.
     */
    record LocalEntry(String name, Path path, boolean directory, long size, long mtimeMillis, int mode,
                      Object fileKey) {
    }

    private final List<Path> roots;
    private final ExecutorService checksums;
    private final RegularFileOpener opener;
    /** How many files ahead of the one handed out are being opened: each holds a descriptor. */
    static final int OPEN_AHEAD = 64;
    private final SkippedEntries skipped = new SkippedEntries();
    /** {@code --exclude}: what is never served, and never scanned below. */
    private final List<Glob> excludes;

    /** The tree of {@code roots}, checksummed on {@code checksumThreads} threads of its own. */
    public LocalTree(List<Path> roots, int checksumThreads) {
        this(roots, checksumThreads, List.of());
    }

    /** The tree of {@code roots} without the entries {@code excludes} matches. */
    public LocalTree(List<Path> roots, int checksumThreads, List<Glob> excludes) {
        this(roots, checksumThreads, RegularFileOpener.LIMIT, excludes);
    }

    /** The same, giving up opening a file after {@code openLimit}. */
    LocalTree(List<Path> roots, int checksumThreads, java.time.Duration openLimit) {
        this(roots, checksumThreads, openLimit, List.of());
    }

    private LocalTree(List<Path> roots, int checksumThreads, java.time.Duration openLimit, List<Glob> excludes) {
        this.roots = List.copyOf(roots);
        this.excludes = List.copyOf(excludes);
        this.checksums = Executors.newFixedThreadPool(checksumThreads, Threads.named("checksum"));
        this.opener = new RegularFileOpener(openLimit);
    }

    /** What is wrong with the paths given to {@code --send}, or null if nothing is. */
    public static String problem(List<Path> roots) {
        Set<String> names = new HashSet<>();
        for (Path root : roots) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                return "--send: no such file or directory: " + root;
            }
            if (!Files.isReadable(root)) {
                return "--send: cannot read " + root;
            }
            Path name = root.toAbsolutePath().normalize().getFileName();
            if (name == null) {
                return "--send: cannot send the file system root " + root + "; name a directory inside it";
            }
            if (!names.add(name.toString())) {
                return "--send: two arguments are named '" + name + "'; each top-level entry needs its own name";
            }
            String unsafe = EntryNames.problem(name.toString());
            if (unsafe != null) {
                return "--send: the name of " + root + " cannot be sent: " + unsafe;
            }
        }
        return null;
    }

    /**
     * Every entry, in the order they are sent: each directory before its contents, the entries of
     * a directory sorted by their names in {@link EntryNames#UTF8_ORDER}.
     */
    List<LocalEntry> scan() throws IOException {
        List<LocalEntry> entries = new ArrayList<>();
        SkippedEntries.Scan skips = skipped.scan();
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            walk(absolute, absolute.getFileName().toString(), entries, skips);
        }
        String warning = skips.warning();
        if (warning != null) {
            log.warn(warning);
        }
        return entries;
    }

    /** {@link #scan()} without the entries a REQUEST's {@code requestExcludes} leave out. */
    private List<LocalEntry> scan(List<Glob> requestExcludes) throws IOException {
        List<LocalEntry> all = scan();
        if (requestExcludes.isEmpty()) {
            return all;
        }
        return all.stream().filter(entry -> !Glob.anyExcludes(requestExcludes, entry.name())).toList();
    }

    private void walk(Path path, String name, List<LocalEntry> out, SkippedEntries.Scan skips) throws IOException {
        if (FileNameCharset.lostInDecoding(name)) {
            // sent as it was decoded, the name would arrive with U+FFFD for each byte: refused instead
            throw new LocalFailureException("cannot send " + path + ": " + FileNameCharset.problem(),
                    "the sender cannot read a file name under its locale", null);
        }
        if (Glob.anyExcludes(excludes, name)) {
            // left out on purpose: no warning, and nothing below it is looked at
            return;
        }
        BasicFileAttributes attributes = attributesOf(path);
        String unsafe = EntryNames.problem(name);
        if (unsafe != null) {
            skips.add(path + ": its name cannot be sent (" + unsafe + ")");
            return;
        }
        if (attributes.isSymbolicLink()) {
            skips.add("symbolic link " + path);
            return;
        }
        long mtime = attributes.lastModifiedTime().toMillis();
        int mode = attributes instanceof PosixFileAttributes posix ? modeOf(posix.permissions()) : 0;
        if (attributes.isDirectory()) {
            out.add(new LocalEntry(name, path, true, 0, mtime, mode, attributes.fileKey()));
            List<Path> children;
            try (Stream<Path> listing = Files.list(path)) {
                // the wire's order, whatever the platform's Path order is (signed bytes on Unix)
                children = listing.sorted(Comparator.comparing(child -> child.getFileName().toString(),
                        EntryNames.UTF8_ORDER)).collect(Collectors.toList());
            }
            for (Path child : children) {
                walk(child, name + "/" + child.getFileName(), out, skips);
            }
        } else if (attributes.isRegularFile()) {
            out.add(new LocalEntry(name, path, false, attributes.size(), mtime, mode, attributes.fileKey()));
        } else {
            skips.add(path + ": not a regular file or directory");
        }
    }

    /**
     * Type, size, time and, where the file system has them, permissions of {@code path} itself
     * (a link is not followed), in one look-up: the POSIX attributes include the basic ones.
     */
    private static BasicFileAttributes attributesOf(Path path) throws IOException {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException notPosix) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static int modeOf(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // OWNER_READ is the first constant and stands for 0400; each next one is the next bit down.
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    @Override
    public List<Frame.Entry> catalogue(List<Glob> requestExcludes) throws IOException {
        return scan(requestExcludes).stream()
                .map(e -> new Frame.Entry(e.directory(), e.size(), e.mtimeMillis(), e.mode(), e.name()))
                .collect(Collectors.toList());
    }

    @Override
    public boolean reproducible() {
        return true;
    }

    @Override
    public boolean hasCatalogue() {
        return true;
    }

    @Override
    public void close() {
        checksums.shutdownNow();
        opener.close();
    }

    @Override
    public SessionContent open(List<String> names, List<Glob> requestExcludes, List<String> missing, long seed)
            throws IOException {
        List<LocalEntry> all = scan(requestExcludes);
        if (names.isEmpty()) {
            return new TreeContent(all);
        }
        List<LocalEntry> selected = new ArrayList<>();
        for (String wanted : names) {
            if (all.stream().noneMatch(e -> matches(e, wanted))) {
                missing.add(wanted);
            }
        }
        for (LocalEntry entry : all) {
            if (names.stream().anyMatch(wanted -> matches(entry, wanted))) {
                selected.add(entry);
            }
        }
        return new TreeContent(selected);
    }

    /** A name selects the entry of that name and, for a directory, everything below it. */
    private static boolean matches(LocalEntry entry, String wanted) {
        return entry.name().equals(wanted) || entry.name().startsWith(wanted + "/");
    }

    /**
     * Hands out the selected entries in order, each file opened by the time its turn comes: the
     * opens of the next {@link #OPEN_AHEAD} files are begun while earlier ones are sent.
     */
    private final class TreeContent implements SessionContent {
        private final List<LocalEntry> entries;
        private int next;
        private long nextId = 1;
        /** The opens begun for the files from {@link #next} on, in order. */
        private final ArrayDeque<RegularFileOpener.Opening> ahead = new ArrayDeque<>();
        /** The first entry whose open is not begun. */
        private int begun;

        TreeContent(List<LocalEntry> entries) {
            this.entries = entries;
        }

        /** The files and bytes the scan saw; a file that changes or is skipped later makes them differ from the end's. */
        @Override
        public Totals totals() {
            return new Totals(entries.stream().filter(e -> !e.directory()).count(),
                    entries.stream().filter(e -> !e.directory()).mapToLong(LocalEntry::size).sum());
        }

        /**
         * The next entry. A file that is no longer the regular file the scan saw (a symbolic link,
         * a FIFO or another file took its place) is skipped with a warning, as the scan skips
         * links and special files, and the session goes on with the next.
         */
        @Override
        public ContentItem next(long waitMillis) throws IOException, InterruptedException {
            while (next < entries.size()) {
                LocalEntry entry = entries.get(next++);
                if (entry.directory()) {
                    return new ContentItem.Directory(new Frame.Directory(entry.mtimeMillis(), entry.mode(), entry.name()));
                }
                beginOpensBefore(next - 1 + OPEN_AHEAD);
                RegularFileOpener.Opened opened;
                try {
                    opened = ahead.remove().await();
                } catch (RegularFileOpener.RefusedException e) {
                    log.warn("skipping {}: {}", entry.path(), e.getMessage());
                    continue;
                }
                // Size and time as the file has them now: the scan's, unless it changed since,
                // and then resuming sees a changed source and sends it from the start.
                long size = opened.size();
                FileChannel channel = opened.channel();
                return new ContentItem.File(nextId++, entry.name(), size, opened.mtimeMillis(), entry.mode(), channel,
                        WriteProgress.whole(size), FileChecksum.reading(entry.name(), channel, size, checksums));
            }
            return new ContentItem.End();
        }

        /** Begins the opens of the files among the entries before {@code index}, not begun yet. */
        private void beginOpensBefore(int index) {
            for (int end = Math.min(index, entries.size()); begun < end; begun++) {
                LocalEntry entry = entries.get(begun);
                if (!entry.directory()) {
                    ahead.add(opener.begin(entry.path(), entry.fileKey()));
                }
            }
        }

        /** The files opened ahead and never handed out are closed. */
        @Override
        public void close() {
            ahead.forEach(RegularFileOpener.Opening::drop);
            ahead.clear();
        }
    }
}
