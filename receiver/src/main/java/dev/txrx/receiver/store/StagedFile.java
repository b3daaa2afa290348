package dev.txrx.receiver.store;

import dev.txrx.common.protocol.FrameCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written under a hidden temporary name ({@code .<name>.<random>.part}) next to its final
 * place, and moved there only once it is verified, as its {@link OnExists} policy says
 * ({@link FinalName}). Until then no file of the final name is created or changed.
 */
final class StagedFile implements IncomingFile {

    /** Bytes of the final name kept in a temporary name: 255 less three dots, 16 hex digits and "part". */
    private static final int TEMP_NAME_STEM = 255 - 3 - 16 - 4;

    private final FinalName finalName;
    private final Path temp;
    private final FileChannel channel;
    private final Attributes attributes;
    /** How the temporary file got its mode when it was created; null if it did not (reopened, or no mode). */
    private final NewFileModes modes;
    private Path storedAt;
    private boolean durable = true;
    /** Set once the time and mode were applied before the data was forced, so that one fsync covers them. */
    private boolean attributesApplied;
    private ExecutorService flushers;
    private long earlyFlushBytes = EarlyFlush.EVERY_BYTES;
    /** Null until the first write, and for a file that is not durable or has no flusher. */
    private EarlyFlush earlyFlush;

    private StagedFile(FinalName finalName, Path temp, FileChannel channel, Attributes attributes,
                       NewFileModes modes) {
        this.finalName = finalName;
        this.temp = temp;
        this.channel = channel;
        this.attributes = attributes;
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
        FinalName finalName = new FinalName(target, name, onExists);
        Attributes attributes = new Attributes(mtimeMillis, mode);
        // live before it exists, so that no sweep for orphans can take it between the two
        LiveTemporaries.add(temp);
        try {
            if (mode == 0 || !Attributes.supportsPermissions(temp)) {
                return new StagedFile(finalName, temp, FileChannel.open(temp, options), attributes, null);
            }
            // Created with (nearly) its mode, most files need no chmod later: see NewFileModes.
            FileChannel channel = FileChannel.open(temp, options,
                    PosixFilePermissions.asFileAttribute(Attributes.permissions(NewFileModes.creationMode(mode))));
            return new StagedFile(finalName, temp, channel, attributes, modes);
        } catch (IOException | RuntimeException e) {
            LiveTemporaries.remove(temp);
            throw e;
        }
    }

    /**
     * Opens an existing temporary file from an earlier attempt to go on writing it after its
     * first {@code held} bytes; anything after them is cut off.
     */
    static StagedFile reopen(Path target, String name, Path temp, long held, long mtimeMillis, int mode,
                             OnExists onExists) throws IOException {
        LiveTemporaries.add(temp);
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            LiveTemporaries.remove(temp);
            throw e;
        }
        try {
            channel.truncate(held);
            channel.position(held);
        } catch (IOException | RuntimeException e) {
            channel.close();
            LiveTemporaries.remove(temp);
            throw e;
        }
        return new StagedFile(new FinalName(target, name, onExists), temp, channel, new Attributes(mtimeMillis, mode),
                null);
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

    /** A durable file flushes early on {@code flushers} as it grows ({@link EarlyFlush}); without them, never. */
    StagedFile flushingEarlyOn(ExecutorService flushers) {
        this.flushers = flushers;
        return this;
    }

    /** Starts an early flush after every {@code bytes} written instead of {@link EarlyFlush#EVERY_BYTES}: for tests. */
    StagedFile earlyFlushEvery(long bytes) {
        this.earlyFlushBytes = bytes;
        return this;
    }

    /** How many early flushes were begun. */
    int earlyFlushes() {
        return earlyFlush == null ? 0 : earlyFlush.flushes();
    }

    /** Closes the temporary file and leaves it in place, for a later attempt to go on with. */
    @Override
    public boolean suspend() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the bytes already written stay; a later attempt checks them
        }
        // from now on the journal that names it keeps it from the sweeps
        LiveTemporaries.remove(temp);
        return true;
    }

    @Override
    public void leaveAsOrphan() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file stays as it is either way
        }
        LiveTemporaries.remove(temp);
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
        if (durable && flushers != null) {
            if (earlyFlush == null) {
                earlyFlush = new EarlyFlush(flushers, earlyFlushBytes);
            }
            earlyFlush.wrote(channel, data.remaining());
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
        try {
            publish();
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
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
                if (earlyFlush != null) {
                    earlyFlush.await(finalName.name());
                }
                attributes.applyToFile(temp, finalName.name(), modes);
                attributesApplied = true;
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                abandon();
                throw e;
            }
        }
    }

    /**
     * Closes the file, sets its time and mode and gives it its final name, without waiting for
     * the disk: {@link #commit()} does all, a {@link CommitBatch} does the waiting for many files at once.
     * On failure the temporary file stays, for the caller to record that it is dropped before it
     * {@link #abandon}s it.
     */
    void publish() throws IOException {
        channel.close();
        if (!attributesApplied) {
            attributes.applyToFile(temp, finalName.name(), modes);
        }
        storedAt = finalName.take(temp);
        if (storedAt == null) {
            abandon();
        } else {
            LiveTemporaries.remove(temp);
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
        LiveTemporaries.remove(temp);
    }
}
