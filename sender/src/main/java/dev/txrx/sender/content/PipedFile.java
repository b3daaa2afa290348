package dev.txrx.sender.content;

import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.transport.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.CRC32C;

/**
 * The bytes of a pipe, read once as they come, for a file of unknown size ({@code sender --send -}):
 * a reading thread of its own fills the buffers of a {@link BufferRing} from the channel and
 * computes the CRC32C and the length as it goes, while the conversation sends the filled buffers.
 * Each buffer is filled as far as the pipe has bytes ready (the {@code ready} stream's
 * {@link InputStream#available}), up to one frame's data, so a fast pipe makes full frames and a
 * trickling one still flows: a read never waits for more once the pipe has nothing ready.
 */
public final class PipedFile implements AutoCloseable {

    /** Buffers in flight between the reading thread and the conversation: reading and sending overlap. */
    private static final int BUFFERS = 4;
    private static final long POLL_MILLIS = 50;

    private final ReadableByteChannel in;
    private final InputStream ready;
    private final String name;
    private final BufferRing ring;
    private final CompletableFuture<Integer> crc32c = new CompletableFuture<>();
    private volatile long length;
    /** Set once the last buffer is handed over: end of input, or a failure. */
    private volatile boolean ended;
    private volatile IOException failure;
    private volatile boolean closed;
    private Thread reader;

    /**
     * The content of {@code in}, named {@code name} in messages; {@code ready} says how many bytes
     * it holds that a read takes without blocking (null: never any).
     */
    PipedFile(ReadableByteChannel in, InputStream ready, String name) {
        this(in, ready, name, FrameFormat.MAX_DATA_PER_FRAME);
    }

    /** As above, with buffers of {@code bufferSize} bytes: tests use small ones. */
    PipedFile(ReadableByteChannel in, InputStream ready, String name, int bufferSize) {
        this.in = in;
        this.ready = ready;
        this.name = name;
        this.ring = new BufferRing(BUFFERS, bufferSize);
    }

    /** Starts reading, on a thread of its own. Once only. */
    synchronized void open() {
        if (reader == null) {
            reader = Threads.daemon("stdin-reader", this::readAll);
            reader.start();
        }
    }

    private void readAll() {
        CRC32C crc = new CRC32C();
        try {
            boolean eof = false;
            while (!eof && !closed) {
                ByteBuffer buffer = ring.takeFree(POLL_MILLIS);
                if (buffer == null) {
                    continue;
                }
                buffer.clear();
                eof = fill(buffer);
                buffer.flip();
                crc.update(buffer);
                buffer.rewind();
                length += buffer.remaining();
                if (buffer.hasRemaining()) {
                    ring.putFilled(buffer);
                } else {
                    ring.release(buffer);
                }
            }
            crc32c.complete((int) crc.getValue());
        } catch (IOException e) {
            failure = e;
            crc32c.completeExceptionally(e);
        } catch (InterruptedException e) {
            crc32c.completeExceptionally(e);
        } finally {
            ended = true;
        }
    }

    /**
     * Reads into {@code buffer}: one read, which waits for the first bytes, then more while the
     * pipe has bytes ready and the buffer has room.
     *
     * @return true at the end of the input
     */
    private boolean fill(ByteBuffer buffer) throws IOException {
        do {
            if (in.read(buffer) < 0) {
                return true;
            }
        } while (buffer.hasRemaining() && ready != null && ready.available() > 0);
        return false;
    }

    /**
     * The next filled buffer, or null if none was filled within {@code waitMillis}. It goes back
     * with {@link #release} once sent.
     *
     * @throws SourceFailedException if reading the input failed
     */
    public ByteBuffer next(long waitMillis) throws IOException, InterruptedException {
        ByteBuffer buffer = ring.takeFilled(waitMillis);
        if (buffer == null && failure != null) {
            throw new SourceFailedException("cannot read " + name + ": " + failure.getMessage(), failure);
        }
        return buffer;
    }

    /** True once every byte of the input has been handed out by {@link #next}. */
    public boolean drained() {
        // ended is set after the last buffer went into the ring, so an empty ring then stays empty
        return ended && failure == null && ring.noneFilled();
    }

    /** Gives back a buffer that {@link #next} returned. */
    public void release(ByteBuffer buffer) {
        ring.release(buffer);
    }

    /** The bytes read so far; all of them once {@link #drained}. */
    public long length() {
        return length;
    }

    /** The CRC32C of the whole input, once it ended. */
    int awaitCrc32c() throws IOException, InterruptedException {
        try {
            return crc32c.get();
        } catch (ExecutionException e) {
            throw new SourceFailedException("cannot read " + name + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Stops reading at the next buffer; what the pipe still holds is not read. */
    @Override
    public void close() {
        closed = true;
    }
}
