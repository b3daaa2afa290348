package dev.txrx.receiver;

import dev.txrx.common.protocol.FrameCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file written under a hidden temporary name ({@code .<name>.<random>.part}) next to its final
 * place, and moved there only once it is verified, as its {@link OnExists} policy says. Until
 * then no file of the final name is created or changed.
 */
final class StagedFile implements IncomingFile {

    /** Bytes of the final name kept in a temporary name: 255 less three dots, 16 hex digits and "part". */
    private static final int TEMP_NAME_STEM = 255 - 3 - 16 - 4;

    private static final Logger log = LoggerFactory.getLogger(StagedFile.class);

    /** How many names RENAME tries ({@code name}, {@code name (1)}, ...) before it gives up. */
    static final int MAX_RENAME_ATTEMPTS = 10_000;

    private static final PosixFilePermission[] PERMISSION_BITS = PosixFilePermission.values();

    /**
     * A durable file starts writing its data back to the disk after every this many bytes, while
     * more arrive, so that the {@code fsync} at the end has little left to wait for.
     */
    static final long EARLY_FLUSH_BYTES = 256L << 20;

    private static final java.util.concurrent.ExecutorService EARLY_FLUSHES =
            java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "early-flush");
                thread.setDaemon(true);
                return thread;
            });

    private final Path target;
    private final String name;
    private final Path temp;
    private final FileChannel channel;
    private final long mtimeMillis;
    private final int mode;
    private final OnExists onExists;
    /** How the temporary file got its mode when it was created; null if it did not (reopened, or no mode). */
    private final NewFileModes modes;
    private Path storedAt;
    private boolean durable = true;
    /** Set once the time and mode were applied before the data was forced, so that one fsync covers them. */
    private boolean attributesApplied;
    private long earlyFlushBytes = EARLY_FLUSH_BYTES;
    /** Bytes written since the last early flush began. */
    private long unflushed;
    private int earlyFlushes;
    /** The early flush under way or last begun, if any. */
    private java.util.concurrent.Future<?> earlyFlush;

    private StagedFile(Path target, String name, Path temp, FileChannel channel, long mtimeMillis, int mode,
                       OnExists onExists, NewFileModes modes) {
        this.target = target;
        this.name = name;
        this.temp = temp;
        this.channel = channel;
        this.mtimeMillis = mtimeMillis;
        this.mode = mode;
        this.onExists = onExists;
        this.modes = modes;
    }

    /**
     * Opens the temporary file for {@code target}, whose parent directory must exist.
     *
     * @param name        the entry name, for messages
     * @param mtimeMillis the modification time to give the file, if above 0
     * @param mode        the POSIX permission bits to give the file ({@code & 0777}), if not 0
     * @param onExists    how {@link #commit()} treats a file that already has the final name
     * @param modes       tells whether the mode the file is created with still needs a {@code chmod}
     */
    static StagedFile open(Path target, String name, long mtimeMillis, int mode, OnExists onExists,
                           NewFileModes modes) throws IOException {
        // The temporary name must fit in a 255-byte segment too, so a long name is shortened in it.
        String shown = FrameCodec.truncateUtf8(target.getFileName().toString(), TEMP_NAME_STEM);
        Path temp = target.resolveSibling("." + shown + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        // CREATE_NEW never follows a symbolic link, and never opens a file someone else made
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (mode == 0 || !supportsPermissions(temp)) {
            return new StagedFile(target, name, temp, FileChannel.open(temp, options), mtimeMillis, mode, onExists,
                    null);
        }
        // Created with (nearly) its mode, most files need no chmod later: see NewFileModes.
        FileChannel channel = FileChannel.open(temp, options,
                PosixFilePermissions.asFileAttribute(permissions(NewFileModes.creationMode(mode))));
        return new StagedFile(target, name, temp, channel, mtimeMillis, mode, onExists, modes);
    }

    /**
     * Opens an existing temporary file from an earlier attempt to go on writing it after its
     * first {@code held} bytes; anything after them is cut off.
     */
    static StagedFile reopen(Path target, String name, Path temp, long held, long mtimeMillis, int mode,
                             OnExists onExists) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            channel.truncate(held);
            channel.position(held);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new StagedFile(target, name, temp, channel, mtimeMillis, mode, onExists, null);
    }

    /**
     * With {@code false} ({@code --no-fsync}), {@link #commit()} does not wait for the data to
     * reach the disk: faster for many small files, but a power loss can lose a file that was
     * reported verified.
     */
    StagedFile durable(boolean durable) {
        this.durable = durable;
        return this;
    }

    /** Starts an early flush after every {@code bytes} written instead of {@link #EARLY_FLUSH_BYTES}: for tests. */
    StagedFile earlyFlushEvery(long bytes) {
        this.earlyFlushBytes = bytes;
        return this;
    }

    /** How many early flushes were begun. */
    int earlyFlushes() {
        return earlyFlushes;
    }

    /** Closes the temporary file and leaves it in place, for a later attempt to go on with. */
    void suspend() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the bytes already written stay; a later attempt checks them
        }
    }

    /** The temporary file the content goes to until {@link #commit()}. */
    Path temp() {
        return temp;
    }

    /**
     * Where the file is after {@link #commit()}: its final name, or a numbered one with
     * {@link OnExists#RENAME}. Null before the commit, and after it if, with {@link OnExists#SKIP},
     * another file took the name while this one was arriving and this one was dropped.
     */
    Path storedAt() {
        return storedAt;
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        unflushed += data.remaining();
        if (durable && unflushed >= earlyFlushBytes && (earlyFlush == null || earlyFlush.isDone())) {
            unflushed = 0;
            earlyFlushes++;
            earlyFlush = EARLY_FLUSHES.submit(() -> {
                channel.force(false);
                return null;
            });
        }
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    /**
     * Makes the content durable (with its time and mode), then gives the file its final name as the
     * policy says; {@link #storedAt()} tells which. On failure the temporary file is deleted.
     *
     * @throws FileExistsPolicyException with {@link OnExists#FAIL}, if the name was taken while
     *                                   the file was arriving
     */
    @Override
    public void commit() throws IOException {
        forceData();
        publish();
        if (durable && storedAt != null) {
            syncDirectory(storedAt.getParent());
        }
    }

    /**
     * Waits until the content has reached the disk (nothing with {@code --no-fsync}), its time and
     * mode with it: they are set first, so that the same {@code fsync} covers them.
     */
    void forceData() throws IOException {
        if (durable) {
            try {
                awaitEarlyFlush();
                applyAttributes();
                attributesApplied = true;
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                abandon();
                throw e;
            }
        }
    }

    /** Waits for the early flush under way, if any; a failure there shows again in the final {@code fsync}. */
    private void awaitEarlyFlush() throws IOException {
        if (earlyFlush == null) {
            return;
        }
        try {
            earlyFlush.get();
        } catch (java.util.concurrent.ExecutionException e) {
            log.debug("early flush of {} failed: {}", name, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while " + name + " was flushed");
        }
    }

    /**
     * Closes the file, sets its time and mode and gives it its final name, without waiting for
     * the disk: {@link #commit()} does all, a {@link CommitBatch} does the waiting for many files at once.
     */
    void publish() throws IOException {
        try {
            channel.close();
            if (!attributesApplied) {
                applyAttributes();
            }
            storedAt = switch (onExists) {
                case OVERWRITE -> replace();
                case RENAME -> storeUnderFreeName();
                case SKIP, FAIL -> storeUnlessTaken();
            };
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
    }

    /** True when {@link #commit()} waits for the disk. */
    boolean durable() {
        return durable;
    }

    /** Makes the names in {@code directory} durable. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel handle = FileChannel.open(directory, StandardOpenOption.READ)) {
            handle.force(true);
        }
    }

    @Override
    public void abandon() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .part file is hidden and never mistaken for a finished one
        }
    }

    /**
     * The name RENAME tries for the {@code n}th copy: the number goes before the extension, the
     * part of the name from its last dot, unless that dot begins the name ({@code .bashrc}).
     * {@code archive.tar.gz} becomes {@code archive.tar (1).gz}; {@code README},
     * {@code README (1)}; {@code .bashrc}, {@code .bashrc (1)}.
     */
    static String numberedName(String fileName, int n) {
        int start = 0;
        while (start < fileName.length() && fileName.charAt(start) == '.') {
            start++;
        }
        int dot = fileName.lastIndexOf('.');
        String number = " (" + n + ")";
        if (dot <= start) {
            return fileName + number;
        }
        return fileName.substring(0, dot) + number + fileName.substring(dot);
    }

    /** The permissions of {@code mode & 0777}; setuid, setgid and sticky bits are never given. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        // values() runs from OWNER_READ (0400) down to OTHERS_EXECUTE (0001)
        for (int i = 0; i < PERMISSION_BITS.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(PERMISSION_BITS[i]);
            }
        }
        return permissions;
    }

    /** Whether the file system of {@code path} has POSIX permissions to set. */
    static boolean supportsPermissions(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    // A verified file is worth more than its attributes: failing to set them is only a warning.
    private void applyAttributes() {
        if (mtimeMillis > 0) {
            setModificationTime();
        }
        if (mode != 0 && supportsPermissions(temp) && (modes == null || modes.needsChmod(temp, mode))) {
            try {
                Files.setPosixFilePermissions(temp, permissions(mode));
            } catch (IOException | RuntimeException e) {
                log.warn("cannot set the permissions of {} to {}: {}", name,
                        String.format("%03o", mode & 0777), describe(e));
            }
        }
    }

    /**
     * Sets the modification time with {@code java.io.File}, which costs a {@code stat} and a
     * {@code utimensat}; {@code Files.setLastModifiedTime} opens the file, reads its attributes,
     * sets the time and closes it again. Only when that fails is the slower way tried, for a reason
     * to give.
     */
    private void setModificationTime() {
        try {
            if (!temp.toFile().setLastModified(mtimeMillis)) {
                Files.setLastModifiedTime(temp, FileTime.fromMillis(mtimeMillis));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot set the modification time of {}: {}", name, describe(e));
        }
    }

    private Path replace() throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private Path storeUnderFreeName() throws IOException {
        String fileName = target.getFileName().toString();
        for (int n = 0; n < MAX_RENAME_ATTEMPTS; n++) {
            Path candidate = n == 0 ? target : target.resolveSibling(numberedName(fileName, n));
            if (storeIfFree(candidate)) {
                if (n > 0) {
                    log.info("{} exists; stored the new file as {}", name, candidate.getFileName());
                }
                return candidate;
            }
        }
        throw new IOException("no free name for " + name + " after " + MAX_RENAME_ATTEMPTS + " tries");
    }

    private Path storeUnlessTaken() throws IOException {
        if (storeIfFree(target)) {
            return target;
        }
        if (onExists == OnExists.FAIL) {
            throw new FileExistsPolicyException(name);
        }
        log.info("{} appeared while it was arriving; kept the existing file", name);
        abandon();
        return null;
    }

    /**
     * Gives the temporary file the name {@code candidate} unless that name exists. A hard link
     * does it in one step that fails if the name is taken by anything, even a dangling symbolic
     * link, so two threads can never both get the same name.
     */
    private boolean storeIfFree(Path candidate) throws IOException {
        try {
            Files.createLink(candidate, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (FAT, some network and FUSE mounts answer EPERM)
            return moveIfFree(candidate);
        }
        // one unlink; Files.delete would look first. Only a failure asks again, for its reason.
        if (!temp.toFile().delete()) {
            try {
                Files.delete(temp);
            } catch (IOException | RuntimeException e) {
                log.warn("stored {}, but cannot remove its temporary name {}: {}", name, temp.getFileName(),
                        describe(e));
            }
        }
        return true;
    }

    // Checks, then renames: another process may take the name in between. Only for file systems
    // without hard links.
    private boolean moveIfFree(Path candidate) throws IOException {
        try {
            Files.move(temp, candidate);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
