package dev.txrx.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a tree of files holds, entry by entry: kind, size, SHA-256 of the content, modification
 * time to the millisecond and POSIX permissions, keyed by the entry name with {@code /}
 * separators. Two snapshots are equal when the trees are identical in everything a transfer
 * promises to keep.
 */
record TreeSnapshot(SortedMap<String, Entry> entries) {

    /** One file, directory or symbolic link. */
    record Entry(Kind kind, long size, String sha256, long mtimeMillis, String permissions) {
    }

    enum Kind { FILE, DIRECTORY, LINK }

    TreeSnapshot {
        entries = new TreeMap<>(entries);
    }

    /**
     * The entries {@code sender --send PATH...} would send for these paths: each path under its
     * last segment, a directory with everything below it. Links are recorded, not followed.
     */
    static TreeSnapshot sentAs(Path... paths) {
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (Path path : paths) {
            Path base = path.toAbsolutePath().normalize().getParent();
            walk(path.toAbsolutePath().normalize(), base, entries);
        }
        return new TreeSnapshot(entries);
    }

    /** Everything below {@code directory}, named relative to it; the directory itself is left out. */
    static TreeSnapshot contentsOf(Path directory) {
        SortedMap<String, Entry> entries = new TreeMap<>();
        walk(directory, directory, entries);
        entries.remove("");
        return new TreeSnapshot(entries);
    }

    /** The same snapshot without symbolic links, which the sender skips. */
    TreeSnapshot withoutLinks() {
        return filter(e -> e.getValue().kind() != Kind.LINK);
    }

    /** Only the regular files. */
    TreeSnapshot filesOnly() {
        return filter(e -> e.getValue().kind() == Kind.FILE);
    }

    /** Only the directories. */
    TreeSnapshot directoriesOnly() {
        return filter(e -> e.getValue().kind() == Kind.DIRECTORY);
    }

    /** The entries whose name is one of {@code names} or lies below one of them. */
    TreeSnapshot onlyUnder(String... names) {
        return filter(e -> Stream.of(names).anyMatch(n -> e.getKey().equals(n) || e.getKey().startsWith(n + "/")));
    }

    /** Every name, sorted. */
    List<String> names() {
        return List.copyOf(entries.keySet());
    }

    Entry get(String name) {
        return entries.get(name);
    }

    private TreeSnapshot filter(Predicate<Map.Entry<String, Entry>> keep) {
        return new TreeSnapshot(entries.entrySet().stream().filter(keep)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
    }

    private static void walk(Path start, Path base, SortedMap<String, Entry> into) {
        try (Stream<Path> paths = Files.walk(start)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String name = base.relativize(path).toString().replace('\\', '/');
                into.put(name, entryOf(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry entryOf(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return new Entry(Kind.LINK, 0, Files.readSymbolicLink(path).toString(), 0, "");
        }
        String permissions = PosixFilePermissions.toString(
                Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        long mtime = attributes.lastModifiedTime().toMillis();
        if (attributes.isDirectory()) {
            return new Entry(Kind.DIRECTORY, 0, "", mtime, permissions);
        }
        return new Entry(Kind.FILE, attributes.size(), sha256(path), mtime, permissions);
    }

    /** The SHA-256 of a file's content, in hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
