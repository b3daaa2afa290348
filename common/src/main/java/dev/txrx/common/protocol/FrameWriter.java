package dev.txrx.common.protocol;

import dev.txrx.common.io.BufferPool;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes frames onto a channel through one reused direct buffer. {@link #write} sends a frame
 * at once; {@link #buffer} keeps frames until the buffer fills or {@link #flush()} is called,
 * so that many small frames cost one system call. File content need not pass through the
 * buffer: {@link #writeData} sends each FILE_DATA header with its data in one gathering write,
 * and {@link #transferData} sends the data by {@link FileChannel#transferTo}, so that it never
 * passes through the Java heap. Frames always leave in the order they were given: whatever is
 * buffered goes out before anything written after it.
 *
 * <p>What to buffer and when to flush is the caller's policy; the writer only encodes.
 *
 * <p>Methods are synchronized so that another thread may send a final frame (an ERROR, a
 * SESSION_END on shutdown) without splitting a frame in two. After an {@link IOException} the
 * stream may end inside a frame, and the writer must not be used again.
 */
public final class FrameWriter {

    private static final Logger log = LoggerFactory.getLogger(FrameWriter.class);

    /**
     * How many bytes {@link #buffer} keeps before it writes them out: room for a few small files
     * (FILE_START, 64 KiB of FILE_DATA, FILE_END), and always for the largest control frame.
     */
    public static final int BUFFER_CAPACITY = 256 * 1024;

    /** A FILE_DATA header and the file id: what goes before the data. */
    private static final int DATA_HEADER_LENGTH = FrameFormat.HEADER_LENGTH + Frame.FileData.DATA_OFFSET;
    /** Most control frames are a few dozen bytes; the buffer grows only when one is not, or for {@link #buffer}. */
    private static final int INITIAL_CAPACITY = 512;

    private final WritableByteChannel out;
    /** Encoded bytes not yet written lie between 0 and the position; always ready to put into. */
    private ByteBuffer pending = BufferPool.DIRECT.take(INITIAL_CAPACITY);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private long bytesWritten;

    public FrameWriter(WritableByteChannel out) {
        this.out = out;
    }

    /** Total bytes written to the channel so far (not those still buffered). */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Writes one frame now, after anything buffered. A control frame goes out with the buffered
     * frames in one write; a {@link Frame.FileData} as {@link #writeData} does, leaving its
     * buffer as it was.
     */
    public synchronized void write(Frame frame) throws IOException {
        if (frame instanceof Frame.FileData data) {
            writeData(data.id(), data.data().duplicate());
            return;
        }
        room(FrameFormat.HEADER_LENGTH + frame.payloadLength());
        append(frame);
        flush();
    }

    /**
     * Adds one frame to the buffer, to go out with the next write or {@link #flush()}. If the
     * buffer lacks room, what it holds is written first. A {@link Frame.FileData} is copied in
     * (its buffer is left as it was); one that could never fit in {@link #BUFFER_CAPACITY} is
     * written at once, as {@link #writeData} does.
     */
    public synchronized void buffer(Frame frame) throws IOException {
        if (frame instanceof Frame.FileData data && data.data().remaining() > BUFFER_CAPACITY - DATA_HEADER_LENGTH) {
            // copying it in would only add a copy to the write that must follow anyway
            writeData(data.id(), data.data().duplicate());
            return;
        }
        int length = FrameFormat.HEADER_LENGTH + frame.payloadLength();
        if (pending.remaining() < length && pending.capacity() < BUFFER_CAPACITY) {
            // grows as it fills, keeping what it holds, so that a session of small files holds
            // twice what it buffers at most, not all of BUFFER_CAPACITY
            enlarge(pending.position() + length);
        }
        room(length);
        append(frame);
    }

    /** Writes whatever {@link #buffer} holds. */
    public synchronized void flush() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        try {
            writeFully(pending);
        } finally {
            pending.clear();
        }
    }

    /**
     * Writes {@code data} (all its remaining bytes) as FILE_DATA frames of file {@code id}, after
     * anything buffered, at most {@link FrameFormat#MAX_DATA_PER_FRAME} bytes a frame. Each
     * header goes out with its data (and what was buffered) in one gathering write. Nothing is
     * allocated: each frame's bytes are marked off by moving the buffer's limit, which is
     * restored before returning.
     */
    public synchronized void writeData(long id, ByteBuffer data) throws IOException {
        int limit = data.limit();
        try {
            do {
                int chunk = Math.min(data.remaining(), FrameFormat.MAX_DATA_PER_FRAME);
                data.limit(data.position() + chunk);
                putDataHeader(id, chunk);
                if (out instanceof GatheringByteChannel gathering) {
                    pending.flip();
                    gather[0] = pending;
                    gather[1] = data;
                    try {
                        while (pending.hasRemaining() || data.hasRemaining()) {
                            bytesWritten += gathering.write(gather);
                        }
                    } finally {
                        pending.clear();
                    }
                } else {
                    flush();
                    writeFully(data);
                }
                data.limit(limit);
            } while (data.hasRemaining());
        } finally {
            gather[0] = null;
            gather[1] = null;
            data.limit(limit);
        }
    }

    /**
     * Writes {@code count} bytes of {@code file} from {@code position} as FILE_DATA frames of
     * file {@code id}, after anything buffered, each of at most {@code maxDataPerFrame} bytes.
     * Each header goes out with what was buffered, then its data by {@code transferTo}.
     *
     * @throws EOFException if the file is shorter than {@code position + count}
     */
    public synchronized void transferData(long id, FileChannel file, long position, long count,
                                          int maxDataPerFrame) throws IOException {
        if (maxDataPerFrame < 1 || maxDataPerFrame > FrameFormat.MAX_DATA_PER_FRAME) {
            throw new IllegalArgumentException("maxDataPerFrame is outside 1.." + FrameFormat.MAX_DATA_PER_FRAME);
        }
        long end = position + count;
        while (position < end) {
            int chunk = (int) Math.min(end - position, maxDataPerFrame);
            putDataHeader(id, chunk);
            flush();
            long chunkEnd = position + chunk;
            while (position < chunkEnd) {
                long n = transfer(file, position, chunkEnd - position);
                if (n <= 0) {
                    if (position >= file.size()) {
                        throw new EOFException("file ended at byte " + position + " of " + end);
                    }
                    continue;
                }
                position += n;
                bytesWritten += n;
            }
        }
    }

    /** Makes room for {@code length} more bytes: writes what is buffered if needed, then grows. */
    private void room(int length) throws IOException {
        if (pending.remaining() >= length) {
            return;
        }
        flush();
        if (pending.capacity() < length) {
            grow(length);
        }
    }

    /**
     * Writes what is buffered, then replaces the buffer with one of at least {@code length}
     * bytes (never more than {@link #BUFFER_CAPACITY}, which holds any control frame).
     */
    private void grow(int length) throws IOException {
        flush();
        int capacity = Math.max(INITIAL_CAPACITY, pending.capacity());
        while (capacity < length) {
            capacity *= 2;
        }
        BufferPool.DIRECT.give(pending);
        pending = BufferPool.DIRECT.take(Math.min(capacity, BUFFER_CAPACITY));
    }

    /** Replaces the buffer with one of at least {@code length} bytes (at most {@link #BUFFER_CAPACITY}), keeping its bytes. */
    private void enlarge(int length) {
        ByteBuffer larger = BufferPool.DIRECT.take(Math.min(BufferPool.roundUp(length, pending.capacity() * 2),
                BUFFER_CAPACITY));
        larger.put(pending.flip());
        BufferPool.DIRECT.give(pending);
        pending = larger;
    }

    /**
     * Gives the buffer back to {@link BufferPool#DIRECT} once the connection is over, dropping what
     * it holds unwritten; should the writer be used again, it borrows another.
     */
    public synchronized void release() {
        BufferPool.DIRECT.give(pending);
        pending = ByteBuffer.allocateDirect(0);
    }

    private void append(Frame frame) {
        int payloadLength = FrameCodec.encode(frame, pending);
        if (log.isDebugEnabled() && frame.type().isControl()) {
            log.debug("-> {} ({} payload bytes)", frame, payloadLength);
        }
    }

    /** Puts a FILE_DATA header and the file id into the buffer, after whatever it holds. */
    private void putDataHeader(long id, int dataLength) throws IOException {
        room(DATA_HEADER_LENGTH);
        pending.putInt(Frame.FileData.DATA_OFFSET + dataLength).put(FrameType.FILE_DATA.code()).putInt((int) id);
    }

    private long transfer(FileChannel file, long position, long count) throws IOException {
        if (out instanceof FileTransferTarget target) {
            return target.transferFrom(file, position, count);
        }
        return file.transferTo(position, count, out);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            bytesWritten += out.write(buffer);
        }
    }
}
