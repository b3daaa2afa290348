package dev.txrx.sender.content;

import dev.txrx.common.io.FileChecksums;
import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.zip.CRC32C;

/**
 * The CRC32C of one file on disk that a conversation sends: the one place the sender computes a
 * file's checksum. Each byte is read for it at most once. A resume's check of the bytes a receiver
 * holds is the first part of the whole file's checksum, which then goes on from there; a file the
 * conversation read whole to send (a small file) is checksummed from those bytes; any other file
 * is read on the checksum threads while it is sent. A file whose writer checksums what it writes
 * (a generated file) takes the writer's checksum.
 *
 * <p>One conversation uses it, in this order: {@link #ofPrefix} at most once, then
 * {@link #ofContent} or {@link #start}, then {@link #await}.
 */
public final class FileChecksum {

    private final String name;
    private final FileChannel channel;
    private final long size;
    private final WriteProgress written;
    /** Where the whole file's checksum is read when nobody else computes it; null when the writer does. */
    private final Executor threads;
    private final CRC32C running = new CRC32C();
    /** How many bytes from the start {@link #running} holds. */
    private long checked;
    private CompletableFuture<Integer> whole;

    private FileChecksum(String name, FileChannel channel, long size, WriteProgress written, Executor threads,
                         CompletableFuture<Integer> fromWriter) {
        this.name = name;
        this.channel = channel;
        this.size = size;
        this.written = written;
        this.threads = threads;
        this.whole = fromWriter;
    }

    /** The checksum of a complete file on disk, read here; on {@code threads} while the file is sent. */
    static FileChecksum reading(String name, FileChannel channel, long size, Executor threads) {
        return new FileChecksum(name, channel, size, WriteProgress.whole(size), threads, null);
    }

    /**
     * The checksum of a file still being written, which its writer completes in {@code fromWriter}
     * once it is whole; only a resume's prefix is read here.
     */
    static FileChecksum fromWriter(String name, FileChannel channel, long size, WriteProgress written,
                                   CompletableFuture<Integer> fromWriter) {
        return new FileChecksum(name, channel, size, written, null, fromWriter);
    }

    /**
     * The CRC32C of the first {@code length} bytes, once they are written, to check what a resuming
     * receiver holds. The whole file's checksum goes on from them, unless the writer computes it.
     */
    int ofPrefix(long length) throws IOException, InterruptedException {
        written.awaitAtLeast(length);
        running.reset();
        checked = 0;
        FileChecksums.update(running, channel, 0, length);
        checked = length;
        return (int) running.getValue();
    }

    /**
     * The CRC32C of the whole file from {@code content}, its every byte, which the caller read to
     * send them: the file is not read again for it.
     */
    int ofContent(ByteBuffer content) {
        CRC32C crc = new CRC32C();
        crc.update(content.duplicate());
        int value = (int) crc.getValue();
        if (whole == null) {
            whole = CompletableFuture.completedFuture(value);
        }
        return value;
    }

    /** The file goes out: starts reading the rest of it for its checksum on the checksum threads. */
    void start() {
        if (whole == null) {
            whole = CompletableFuture.supplyAsync(() -> {
                try {
                    return rest();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, threads);
        }
    }

    private int rest() throws IOException {
        FileChecksums.update(running, channel, checked, size);
        checked = size;
        return (int) running.getValue();
    }

    /**
     * The CRC32C of the whole file, for FILE_END: waits for whoever computes it, or reads what is
     * left of the file now if nobody {@linkplain #start started}.
     *
     * @throws SourceFailedException if the file could not be read or written
     */
    int await() throws IOException, InterruptedException {
        if (whole == null) {
            written.awaitAtLeast(size);
            whole = CompletableFuture.completedFuture(rest());
        }
        try {
            return whole.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            String why = cause instanceof IOException ? Reasons.of(cause) : cause.toString();
            throw new SourceFailedException("cannot checksum " + name + ": " + why,
                    "cannot checksum " + name + ": " + Reasons.withoutPath(cause), cause);
        }
    }

    /** The file is done with: a checksum still being read is not waited for. */
    void cancel() {
        if (whole != null) {
            whole.cancel(false);
        }
    }
}
