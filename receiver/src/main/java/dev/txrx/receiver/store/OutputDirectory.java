package dev.txrx.receiver.store;

import dev.txrx.common.io.FileNameCharset;
import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.text.Reasons;
import dev.txrx.common.transport.LocalFailureException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where arriving entries are stored: resolves entry names from the wire under the output
 * directory, applies the {@link OnExists} policy, and sets the attributes of directories at the
 * end.
 *
 * <p>No entry is ever written through a symbolic link below the root: a name whose parent
 * directories meet one is refused, wherever the link points, and so is a name that is itself a
 * link, except with {@link OnExists#RENAME}: there the file takes its name with {@code link(2)},
 * which fails on any existing entry and never follows a link, so it is stored under a numbered
 * name beside the link instead. The root itself may be a link; the user chose it. The check
 * guards against names from the sender, not against another local process that swaps a
 * directory for a link while a file arrives.
 *
 * <p>{@link #stage} and {@link #directory} may be called from several threads at once.
 */
final class OutputDirectory {

    private static final Logger log = LoggerFactory.getLogger(OutputDirectory.class);
    /** An absolute path in a message: at its start, or after a space, quote or parenthesis. */

    private final Path root;
    /**
     * Directories this session made or found to be real directories (not links): later entries
     * below them skip those checks. A local process that swaps one for a link meanwhile is not
     * guarded against (see the README).
     */
    private final Set<Path> checkedDirectories = ConcurrentHashMap.newKeySet();
    private final OnExists onExists;
    private final Map<Path, DirectoryAttributes> directories = new ConcurrentHashMap<>();
    private final NewFileModes modes;

    /** Attributes a DIRECTORY frame asked for, applied by {@link #finish()}. */
    private record DirectoryAttributes(String name, Attributes attributes) {
    }

    /**
     * Creates {@code root} if it is missing.
     *
     * @throws IOException if it cannot be created or is not a directory
     */
    OutputDirectory(Path root, OnExists onExists) throws IOException {
        this(root, onExists, new NewFileModes());
    }

    /** As above, with modes applied through {@code modes}' umask rather than this process's: for tests. */
    OutputDirectory(Path root, OnExists onExists, NewFileModes modes) throws IOException {
        this.modes = modes;
        try {
            Files.createDirectories(root);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("output directory " + root + " exists and is not a directory", e);
        }
        this.root = root.toRealPath();
        this.onExists = onExists;
    }

    /**
     * Creates {@code root} if it is missing, and a file in it, then removes both again: to fail
     * before any connection rather than with the first file.
     */
    static void check(Path root) throws LocalFailureException {
        String cannot = "cannot use the output directory " + root + ": ";
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new LocalFailureException(cannot + "it exists and is not a directory");
        }
        // Nothing is created here: the directory appears with the first entry, and a run that
        // stores nothing leaves none. The probe goes in the directory if it exists, or in the
        // nearest directory above it that does, where it would be created; its name is unique,
        // so receivers that start at once into the same directory do not disturb each other.
        Path at = root.toAbsolutePath();
        while (at.getParent() != null && !Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
            at = at.getParent();
        }
        try {
            if (!Files.isDirectory(at)) {
                throw new java.nio.file.NotDirectoryException(at.toString());
            }
            Files.delete(Files.createTempFile(at, ".txrx-check", ".tmp"));
        } catch (IOException | RuntimeException e) {
            throw new LocalFailureException(cannot + Reasons.withoutPath(e), e);
        }
    }

    /** The output directory, with every symbolic link in its path resolved. */
    Path root() {
        return root;
    }

    /**
     * The path of entry {@code name} under the root.
     *
     * @throws ProtocolException if the name is unsafe (see {@link EntryNames}), points outside the
     *                           root, or passes through or ends at a symbolic link below the root
     * @throws LocalFailureException if this JVM's locale cannot represent the name ({@link FileNameCharset})
     */
    Path resolve(String name) throws IOException {
        Path target = resolveParent(name);
        if (!checkedDirectories.contains(target) && isSymbolicLink(lookUp(target))) {
            throw symbolicLink(name, target);
        }
        return target;
    }

    /**
     * The path of entry {@code name} under the root, checking its parent directories but not the
     * name itself: for a caller that looks the name up itself, or that never needs to.
     *
     * @throws ProtocolException if the name is unsafe (see {@link EntryNames}), points outside the
     *                           root, or passes through a symbolic link below the root
     * @throws LocalFailureException if this JVM's locale cannot represent the name ({@link FileNameCharset})
     */
    private Path resolveParent(String name) throws IOException {
        if (name.equals(ResumeState.DIRECTORY) || name.startsWith(ResumeState.DIRECTORY + "/")) {
            throw new ProtocolException("entry name \"" + name + "\" is reserved for the receiver's resume state");
        }
        EntryNames.requireSafe(name);
        Path target;
        try {
            target = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            // a valid name that this JVM cannot encode for the file system: a locale that is not
            // UTF-8 (LANG=C), which nothing but a restart under another locale changes
            throw new LocalFailureException("cannot store " + name + ": " + FileNameCharset.problem(),
                    "the receiver cannot store the name \"" + name + "\" under its locale", e);
        }
        if (!target.startsWith(root) || target.equals(root)) {
            // a safe name never gets here; this is the last line of defence
            throw new ProtocolException("entry name \"" + name + "\" points outside the output directory");
        }
        Path parent = target.getParent();
        if (parent.equals(root) || checkedDirectories.contains(parent)) {
            return target;
        }
        Path at = root;
        for (Path segment : root.relativize(parent)) {
            at = at.resolve(segment);
            if (checkedDirectories.contains(at)) {
                continue;
            }
            BasicFileAttributes attributes = lookUp(at);
            if (attributes == null) {
                // Missing, so nothing below it exists either; or unreadable (not a directory, no
                // permission), and then nothing can be created through it: creating it fails later.
                break;
            }
            if (attributes.isSymbolicLink()) {
                throw symbolicLink(name, at);
            }
        }
        return target;
    }

    /**
     * Goes on with a file an earlier attempt left in {@code temp} after its first {@code held}
     * bytes. The name is checked as for {@link #stage}, and the temporary file must be inside
     * the root and not a symbolic link.
     */
    StagedFile continueFrom(String name, Path temp, long held, long mtimeMillis, int mode) throws IOException {
        // as in stage: RENAME never needs to look at the final name before the commit
        Path target = onExists == OnExists.RENAME ? resolveParent(name) : resolve(name);
        Path normal = temp.toAbsolutePath().normalize();
        if (!normal.startsWith(root) || Files.isSymbolicLink(normal)) {
            throw new IOException("the partial file of " + name + " is not a plain file in the output directory");
        }
        return StagedFile.reopen(target, name, normal, held, mtimeMillis, modes.applied(mode, false), onExists);
    }

    /**
     * Prepares to receive the file {@code name}: applies the start-time half of the policy,
     * creates the parent directories and the hidden temporary file.
     *
     * @param mtimeMillis the modification time to give the file, if above 0
     * @param mode        the sender's mode of the file, if not 0, applied through the umask ({@link NewFileModes#applied})
     * @return the staged file, or null with {@link OnExists#SKIP} if the name exists: the caller
     * verifies the content and drops it
     * @throws ProtocolException         if the name is refused, as in {@link #resolve}; with
     *                                   {@link OnExists#RENAME} a symbolic link at the name itself
     *                                   is not refused: the file is stored beside it at commit
     * @throws FileExistsPolicyException with {@link OnExists#FAIL}, if the name exists
     * @throws IOException               if the file system fails, or a parent is not a directory
     */
    StagedFile stage(String name, long mtimeMillis, int mode) throws IOException {
        Path target = resolveParent(name);
        // RENAME decides at commit, when StagedFile takes the name with link(2): that fails on any
        // existing entry, a symbolic link included, and never follows one. So the name is not
        // looked up here at all; every other policy looks it up once.
        BasicFileAttributes existing = onExists == OnExists.RENAME ? null : lookUp(target);
        if (isSymbolicLink(existing)) {
            throw symbolicLink(name, target);
        }
        if (existing != null) {
            switch (onExists) {
                case SKIP -> {
                    log.info("{} exists; skipping it", name);
                    return null;
                }
                case FAIL -> throw new FileExistsPolicyException(name);
                case OVERWRITE -> {
                    if (existing.isDirectory()) {
                        // found now rather than after the whole file has arrived
                        throw new IOException("cannot overwrite " + name + ": it is a directory");
                    }
                }
                case RENAME -> {
                    // not looked up: see above
                }
            }
        }
        createDirectories(name, target.getParent());
        return StagedFile.open(target, name, mtimeMillis, modes.applied(mode, false), onExists, modes);
    }

    /**
     * Creates the directory {@code name} and its parents, for a DIRECTORY frame, and remembers its
     * modification time and mode for {@link #finish()}. An existing directory is fine.
     *
     * @throws ProtocolException if the name is refused, as in {@link #resolve}
     * @throws IOException       if something other than a directory has that name, or a parent's
     */
    void directory(String name, long mtimeMillis, int mode) throws IOException {
        directory(name, mtimeMillis, mode, false);
    }

    /**
     * As above; a directory that {@code ours} says this session created on an earlier connection
     * is the session's, not one that was there before: it gets the sender's time and mode too.
     *
     * @return true when this call created the directory
     */
    boolean directory(String name, long mtimeMillis, int mode, boolean ours) throws IOException {
        Path target = resolve(name);
        boolean existed = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        createDirectories(name, target);
        if (existed && !ours) {
            // A directory that was there before keeps its own mode, and gets its own time back at the end.
            long own = Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS).toMillis();
            directories.putIfAbsent(target, new DirectoryAttributes(name, new Attributes(own, 0)));
        } else {
            directories.put(target,
                    new DirectoryAttributes(name, new Attributes(mtimeMillis, modes.applied(mode, true))));
        }
        return !existed;
    }

    /**
     * Gives every directory from {@link #directory} its mode (through the umask) and modification
     * time, deepest first, so that no later change undoes them: call it once no more files will be
     * written. A change that fails is logged, never thrown.
     */
    void finish() {
        List<Map.Entry<Path, DirectoryAttributes>> deepestFirst = new ArrayList<>(directories.entrySet());
        deepestFirst.sort(Comparator.comparingInt(
                (Map.Entry<Path, DirectoryAttributes> e) -> e.getKey().getNameCount()).reversed());
        for (Map.Entry<Path, DirectoryAttributes> entry : deepestFirst) {
            DirectoryAttributes directory = entry.getValue();
            directory.attributes().applyToDirectory(entry.getKey(), directory.name());
            directories.remove(entry.getKey(), directory);
        }
    }

    /** Creates {@code directory} and its missing parents below the root, one by one, refusing links. */
    private void createDirectories(String name, Path directory) throws IOException {
        if (directory.equals(root)) {
            return;
        }
        Path at = root;
        for (Path segment : root.relativize(directory)) {
            at = at.resolve(segment);
            if (checkedDirectories.contains(at)) {
                continue;
            }
            try {
                // mkdir never follows a link: an existing one, even dangling, makes it fail
                Files.createDirectory(at);
                checkedDirectories.add(at);
                continue;
            } catch (FileAlreadyExistsException e) {
                // made by an earlier file, or by another thread just now: check what it is
            }
            BasicFileAttributes attributes = Files.readAttributes(at, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw symbolicLink(name, at);
            }
            if (attributes.isDirectory()) {
                checkedDirectories.add(at);
            } else {
                String relative = root.relativize(at).toString();
                throw new IOException(relative.equals(name)
                        ? "cannot create directory " + name + ": a file of that name exists"
                        : "cannot create directory " + relative + " for " + name + ": a file of that name exists");
            }
        }
    }

    private ProtocolException symbolicLink(String name, Path link) {
        // names the link relative to the root only: the message goes to the sender
        return new ProtocolException("entry name \"" + name + "\" is refused: \"" + root.relativize(link)
                + "\" in the output directory is a symbolic link");
    }

    /**
     * What is at {@code path}, not following a link, or null if nothing is, or if it cannot be
     * told: then creating it fails. Java 17 has no look-up that answers "nothing" without throwing
     * (two exceptions), so callers make as few as they can.
     */
    private static BasicFileAttributes lookUp(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isSymbolicLink(BasicFileAttributes attributes) {
        return attributes != null && attributes.isSymbolicLink();
    }
}
