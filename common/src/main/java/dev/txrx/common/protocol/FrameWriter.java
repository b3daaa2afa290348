package dev.txrx.common.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes frames to a channel. Control frames are encoded into one reused buffer; FILE_DATA
 * headers go out with their data in one gathering write, or ahead of a
 * {@link FileChannel#transferTo} so file content never passes through the Java heap.
 *
 * <p>Methods are synchronized so that another thread may send a final frame (an ERROR, a
 * SESSION_END on shutdown) without splitting a frame in two.
 */
public final class FrameWriter {

    private static final Logger log = LoggerFactory.getLogger(FrameWriter.class);

    /** The most file bytes in one FILE_DATA frame: the payload limit less the file id. */
    public static final int MAX_DATA_PER_FRAME = FrameFormat.MAX_PAYLOAD_LENGTH - Integer.BYTES;

    private static final int DATA_HEADER_LENGTH = FrameFormat.HEADER_LENGTH + Integer.BYTES;
    private static final int SMALL_CONTROL_BUFFER = 512;
    /** Room for batched small files; allocated when first used. */
    private static final int BATCH_SIZE = 256 * 1024;

    private final WritableByteChannel out;
    /** Most control frames are a few dozen bytes; the buffer grows to the limit only when one is not. */
    private ByteBuffer control = ByteBuffer.allocateDirect(SMALL_CONTROL_BUFFER);
    private ByteBuffer batch = ByteBuffer.allocate(0);
    private final ByteBuffer dataHeader = ByteBuffer.allocateDirect(DATA_HEADER_LENGTH);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private long bytesWritten;

    public FrameWriter(WritableByteChannel out) {
        this.out = out;
    }

    /** Total bytes written so far. */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** Writes one control frame, after anything batched before it. */
    public synchronized void write(Frame frame) throws IOException {
        flush();
        if (frame instanceof Frame.FileData data) {
            writeData(data.id(), data.data().duplicate());
            return;
        }
        control.clear();
        control.position(FrameFormat.HEADER_LENGTH);
        try {
            FrameCodec.encodePayload(frame, control);
        } catch (java.nio.BufferOverflowException e) {
            control = ByteBuffer.allocateDirect(FrameFormat.HEADER_LENGTH + FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
            control.position(FrameFormat.HEADER_LENGTH);
            FrameCodec.encodePayload(frame, control);
        }
        int payloadLength = control.position() - FrameFormat.HEADER_LENGTH;
        control.putInt(0, payloadLength).put(FrameFormat.TYPE_OFFSET, frame.type());
        control.flip();
        if (log.isDebugEnabled()) {
            log.debug("-> {} ({} payload bytes)", frame, payloadLength);
        }
        writeFully(control);
    }

    /**
     * Adds a whole small file to the batch: FILE_START, one FILE_DATA with all of {@code data}
     * and FILE_END, sent with other batched frames in one write when the batch fills or
     * {@link #flush()} is called. Many small files thus cost a few system calls, not three each.
     *
     * @return false, batching nothing, if the frames do not fit in the batch
     */
    public synchronized boolean batchSmallFile(Frame.FileStart start, ByteBuffer data, Frame.FileEnd end)
            throws IOException {
        int needed = FrameFormat.HEADER_LENGTH * 3 + Integer.BYTES + data.remaining() + 512
                + FrameCodec.utf8Length(start.name());
        if (needed > BATCH_SIZE) {
            return false;
        }
        if (batch.capacity() == 0) {
            batch = ByteBuffer.allocateDirect(BATCH_SIZE);
        }
        if (batch.remaining() < needed) {
            flush();
        }
        appendControl(start);
        batch.putInt(data.remaining() + Integer.BYTES).put(FrameFormat.FILE_DATA).putInt((int) start.id()).put(data);
        appendControl(end);
        return true;
    }

    /** Writes whatever {@link #batchSmallFile} gathered. */
    public synchronized void flush() throws IOException {
        if (batch.capacity() == 0 || batch.position() == 0) {
            return;
        }
        batch.flip();
        writeFully(batch);
        batch.clear();
    }

    private void appendControl(Frame frame) {
        int start = batch.position();
        batch.position(start + FrameFormat.HEADER_LENGTH);
        FrameCodec.encodePayload(frame, batch);
        int payloadLength = batch.position() - start - FrameFormat.HEADER_LENGTH;
        batch.putInt(start, payloadLength).put(start + FrameFormat.TYPE_OFFSET, frame.type());
    }

    /**
     * Writes {@code data} (all its remaining bytes) as FILE_DATA frames of file {@code id}, each
     * header with its data in one gathering write. Nothing is allocated: each frame's bytes are
     * marked off by moving the buffer's limit, which is restored before returning.
     */
    public synchronized void writeData(long id, ByteBuffer data) throws IOException {
        flush();
        int limit = data.limit();
        try {
            do {
                int chunk = Math.min(data.remaining(), MAX_DATA_PER_FRAME);
                data.limit(data.position() + chunk);
                putDataHeader(id, chunk);
                if (out instanceof GatheringByteChannel gathering) {
                    gather[0] = dataHeader;
                    gather[1] = data;
                    while (dataHeader.hasRemaining() || data.hasRemaining()) {
                        bytesWritten += gathering.write(gather);
                    }
                } else {
                    writeFully(dataHeader);
                    writeFully(data);
                }
                data.limit(limit);
            } while (data.hasRemaining());
        } finally {
            gather[1] = null;
            data.limit(limit);
        }
    }

    /**
     * Writes {@code count} bytes of {@code file} from {@code position} as FILE_DATA frames of
     * file {@code id}, each of at most {@code maxDataPerFrame} bytes.
     *
     * @throws java.io.EOFException if the file is shorter than {@code position + count}
     */
    public synchronized void transferData(long id, FileChannel file, long position, long count,
                                          int maxDataPerFrame) throws IOException {
        if (maxDataPerFrame < 1 || maxDataPerFrame > MAX_DATA_PER_FRAME) {
            throw new IllegalArgumentException("maxDataPerFrame is outside 1.." + MAX_DATA_PER_FRAME);
        }
        flush();
        long end = position + count;
        while (position < end) {
            int chunk = (int) Math.min(end - position, maxDataPerFrame);
            putDataHeader(id, chunk);
            writeFully(dataHeader);
            long chunkEnd = position + chunk;
            while (position < chunkEnd) {
                long n = transfer(file, position, chunkEnd - position);
                if (n <= 0) {
                    if (position >= file.size()) {
                        throw new java.io.EOFException("file ended at byte " + position + " of " + end);
                    }
                    continue;
                }
                position += n;
                bytesWritten += n;
            }
        }
    }

    private long transfer(FileChannel file, long position, long count) throws IOException {
        if (out instanceof FileTransferTarget target) {
            return target.transferFrom(file, position, count);
        }
        return file.transferTo(position, count, out);
    }

    private void putDataHeader(long id, int dataLength) {
        dataHeader.clear();
        dataHeader.putInt(dataLength + Integer.BYTES).put(FrameFormat.FILE_DATA).putInt((int) id).flip();
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            bytesWritten += out.write(buffer);
        }
    }
}
