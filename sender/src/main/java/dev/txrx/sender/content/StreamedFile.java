package dev.txrx.sender.content;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;

/**
 * A generated file that is never stored ({@code --no-save}): the session's generating thread
 * generates its bytes (see {@link GeneratedBytes}) into a {@link BufferRing} while the conversation
 * sends them, and computes its CRC32C as it goes. The conversation first {@linkplain #open opens} it at
 * the position it sends from; bytes before that position are generated only to be checksummed.
 * Any prefix can also be checksummed on its own, by generating it again ({@link #crc32cOfPrefix}),
 * to check what a resuming receiver holds.
 */
public final class StreamedFile implements AutoCloseable {

    private static final long POLL_MILLIS = 50;

    private final long seed;
    private final long index;
    private final long size;
    private final BufferRing ring;
    private final CompletableFuture<Long> start = new CompletableFuture<>();
    private final CompletableFuture<Integer> crc32c = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile RuntimeException failure;

    StreamedFile(long seed, long index, long size, BufferRing ring) {
        this.seed = seed;
        this.index = index;
        this.size = size;
        this.ring = ring;
    }

    /**
     * The generating thread's part: waits until the conversation opens the file or drops it, then
     * generates the whole file into the ring, handing over the bytes from the position asked for,
     * and returns once the last of them is handed over or the file is closed.
     */
    void generate() throws InterruptedException {
        try {
            Long from = awaitStart();
            if (from != null) {
                generateFrom(from);
            }
        } catch (RuntimeException e) {
            failure = e;
            crc32c.completeExceptionally(e);
            throw e;
        }
    }

    /** The position the conversation opened the file at, or null if it dropped the file first. */
    private Long awaitStart() throws InterruptedException {
        Long from = null;
        while (from == null) {
            if (closed) {
                return null;
            }
            try {
                from = start.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException notYet) {
                // asked again after checking whether the file was dropped
            }
        }
        return from;
    }

    private void generateFrom(long from) throws InterruptedException {
        GeneratedBytes bytes = new GeneratedBytes(seed, index);
        CRC32C crc = new CRC32C();
        long done = 0;
        while (done < size && !closed) {
            ByteBuffer buffer = ring.takeFree(POLL_MILLIS);
            if (buffer == null) {
                continue;
            }
            int n = (int) Math.min(buffer.capacity(), size - done);
            bytes.fill(buffer, n);
            crc.update(buffer);
            buffer.rewind();
            long end = done + n;
            if (end == size) {
                // Known before the last bytes are handed over, so the conversation need not wait for it.
                crc32c.complete((int) crc.getValue());
            }
            if (end <= from) {
                ring.release(buffer);
            } else {
                buffer.position((int) Math.max(0, from - done));
                ring.putFilled(buffer);
            }
            done = end;
        }
        if (done == size) {
            crc32c.complete((int) crc.getValue());
        } else {
            ring.reclaim();
        }
    }

    /** The conversation's part: starts generating, to send the file from byte {@code position}. */
    void open(long position) {
        start.complete(position);
    }

    /**
     * The next filled buffer, positioned at its first byte to send, or null if none is ready within
     * {@code waitMillis}. It goes back with {@link #release} once sent.
     */
    public ByteBuffer next(long waitMillis) throws IOException, InterruptedException {
        ByteBuffer buffer = ring.takeFilled(waitMillis);
        if (buffer == null && failure != null) {
            throw new SourceFailedException("cannot generate " + FileGenerator.nameOf(index) + ": " + failure, failure);
        }
        return buffer;
    }

    /** Gives back a buffer that {@link #next} returned. */
    public void release(ByteBuffer buffer) {
        ring.release(buffer);
    }

    /**
     * The CRC32C of the whole file: computed while it is generated once it was opened, generated
     * again here if it was not.
     */
    int awaitCrc32c() throws IOException, InterruptedException {
        if (!start.isDone()) {
            return crc32cOfPrefix(size);
        }
        try {
            return crc32c.get();
        } catch (ExecutionException e) {
            throw new SourceFailedException("cannot generate " + FileGenerator.nameOf(index) + ": " + e.getCause(), e.getCause());
        }
    }

    /** The CRC32C of the first {@code length} bytes, generated again on the calling thread. */
    int crc32cOfPrefix(long length) {
        return GeneratedBytes.crc32c(seed, index, length);
    }

    /** Drops the file: the generating thread stops at its next buffer (or does not start). */
    @Override
    public void close() {
        closed = true;
    }
}
