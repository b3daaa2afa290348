package dev.txrx.common.protocol;

import dev.txrx.common.io.BufferPool;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads frames from a channel through one buffer, borrowed from {@link BufferPool#DIRECT}. A
 * growing one starts at {@link #START_SIZE} and grows, up to the size asked for, when a frame
 * needs more or a read fills it: a connection whose peer sends control frames holds a few KiB.
 * (The last buffer is not given back: a thread of the conversation, such as the trickle's
 * listener, may still be reading when the connection's own thread is done.) Lengths are checked
 * against the limits of the frame's {@link FrameType} before a payload is read, and no
 * allocation ever depends on a length the peer declares: FILE_DATA payloads are handed out as
 * slices of the buffer, in as many pieces as the buffer needs. A pure decoder: what a frame
 * means is for the caller.
 *
 * <p>Not thread-safe. A {@link Frame.FileData} buffer is valid until the next call.
 */
public final class FrameReader {

    private static final Logger log = LoggerFactory.getLogger(FrameReader.class);

    /** Default buffer size: room for the largest control frame and then some. */
    public static final int DEFAULT_BUFFER_SIZE = 256 * 1024;
    /** Smallest allowed buffer: one header and the largest control payload. */
    public static final int MIN_BUFFER_SIZE = FrameFormat.HEADER_LENGTH + FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH;

    /** An empty FILE_DATA has no bytes to slice; nothing can be read from or put into this. */
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final int SHOWN_FOREIGN_BYTES = 16;

    private final ReadableByteChannel in;
    /** The buffer a reader starts with. */
    static final int START_SIZE = 4096;
    /** Bytes received and not yet consumed lie between position and limit. */
    private ByteBuffer buffer;
    /** The most {@link #buffer} grows to. */
    private final int bufferSize;
    private long dataId;
    private long dataRemaining;
    private long bytesRead;

    public FrameReader(ReadableByteChannel in) {
        this(in, DEFAULT_BUFFER_SIZE);
    }

    public FrameReader(ReadableByteChannel in, int bufferSize) {
        this(in, bufferSize, false);
    }

    /**
     * A reader whose buffer grows up to {@code bufferSize} if {@code growing}, from
     * {@link #START_SIZE}: for a peer that mostly sends control frames (the receiver, to a sender).
     * Otherwise it has the whole buffer from the start, and FILE_DATA comes in pieces as large.
     */
    public FrameReader(ReadableByteChannel in, int bufferSize, boolean growing) {
        if (bufferSize < MIN_BUFFER_SIZE) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes is smaller than " + MIN_BUFFER_SIZE);
        }
        this.in = in;
        this.bufferSize = bufferSize;
        this.buffer = BufferPool.DIRECT.take(growing ? Math.min(START_SIZE, bufferSize) : bufferSize);
        this.buffer.limit(0);
    }

    /** Total bytes taken from the channel so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Reads the peer's first frame, which must be a HELLO. Input that cannot be the start of a
     * HELLO is reported as a {@link ForeignPeerException} naming the bytes that arrived.
     */
    public Frame.Hello readHello() throws IOException {
        if (!fill(FrameFormat.HEADER_LENGTH)) {
            if (buffer.remaining() == 0) {
                throw new EOFException("peer closed the connection before sending HELLO");
            }
            throw foreign();
        }
        // a top bit set makes the length negative, which is below the minimum: foreign too
        int length = buffer.getInt(buffer.position() + FrameFormat.LENGTH_OFFSET);
        byte type = buffer.get(buffer.position() + FrameFormat.TYPE_OFFSET);
        FrameType hello = FrameType.HELLO;
        if (type != hello.code() || length < hello.minPayload() || length > hello.maxPayload()) {
            throw foreign();
        }
        int magic = FrameFormat.HEADER_LENGTH + Frame.Hello.MAGIC_OFFSET;
        if (!fill(magic + Integer.BYTES)) {
            throw foreign();
        }
        if (buffer.getInt(buffer.position() + magic) != FrameFormat.MAGIC) {
            throw foreign();
        }
        return (Frame.Hello) next();
    }

    /**
     * Reads the next frame, or the next piece of a FILE_DATA payload.
     *
     * @return the frame, or null when the peer closed the connection cleanly between frames
     * @throws EOFException       if the connection ends inside a frame
     * @throws ProtocolException  if a frame is malformed, too long or of an unknown critical type
     */
    public Frame next() throws IOException {
        while (true) {
            if (dataRemaining > 0) {
                return nextDataPiece();
            }
            if (!fill(FrameFormat.HEADER_LENGTH)) {
                if (buffer.remaining() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a frame header (" + buffer.remaining()
                        + " of " + FrameFormat.HEADER_LENGTH + " bytes)");
            }
            long length = Integer.toUnsignedLong(buffer.getInt());
            byte code = buffer.get();
            Optional<FrameType> known = FrameType.of(code);
            if (known.isEmpty()) {
                FrameType.requireSkippable(code, length);
                skip((int) length, code);
                continue;
            }
            FrameType type = known.get();
            // from the header alone: nothing of the payload is read before the length is known good
            type.checkLength(length);
            if (type == FrameType.FILE_DATA) {
                return startData(length);
            }
            // a control payload is at most 64 KiB, and so fits in the buffer whole
            int payloadLength = (int) length;
            requireBytes(payloadLength, type.name());
            ByteBuffer payload = buffer.slice(buffer.position(), payloadLength);
            buffer.position(buffer.position() + payloadLength);
            Frame frame = type.decode(payload);
            if (log.isDebugEnabled()) {
                log.debug("<- {} ({} payload bytes)", frame, payloadLength);
            }
            return frame;
        }
    }

    /** Reads the file id of a FILE_DATA frame; its data is handed out in pieces from here on. */
    private Frame startData(long length) throws IOException {
        requireBytes(Frame.FileData.DATA_OFFSET, FrameType.FILE_DATA.name());
        dataId = Integer.toUnsignedLong(buffer.getInt());
        dataRemaining = length - Frame.FileData.DATA_OFFSET;
        if (dataRemaining == 0) {
            return new Frame.FileData(dataId, NO_DATA);
        }
        return nextDataPiece();
    }

    /** Skips the payload of a frame of an unknown, ignorable type. */
    private void skip(int length, byte code) throws IOException {
        requireBytes(length, FrameType.nameOf(code));
        buffer.position(buffer.position() + length);
        if (log.isDebugEnabled()) {
            log.debug("<- skipped ignorable frame type {} ({} payload bytes)", FrameType.nameOf(code), length);
        }
    }

    private Frame nextDataPiece() throws IOException {
        if (buffer.remaining() == 0 && !fill(1)) {
            throw new EOFException("connection closed inside a FILE_DATA frame (" + dataRemaining
                    + " bytes missing)");
        }
        int piece = (int) Math.min(buffer.remaining(), dataRemaining);
        ByteBuffer data = buffer.slice(buffer.position(), piece);
        buffer.position(buffer.position() + piece);
        dataRemaining -= piece;
        return new Frame.FileData(dataId, data);
    }

    private void requireBytes(int count, String what) throws IOException {
        if (!fill(count)) {
            throw new EOFException("connection closed inside a " + what + " frame ("
                    + buffer.remaining() + " of " + count + " bytes)");
        }
    }

    /**
     * Reads until at least {@code count} bytes are buffered.
     *
     * @return false if the channel ended first
     */
    private boolean fill(int count) throws IOException {
        if (buffer.remaining() >= count) {
            return true;
        }
        if (buffer.capacity() < count) {
            growTo(count);
        }
        buffer.compact();
        try {
            while (buffer.position() < count) {
                int n = in.read(buffer);
                if (n < 0) {
                    return false;
                }
                bytesRead += n;
            }
            return true;
        } finally {
            buffer.flip();
            if (buffer.limit() == buffer.capacity() && buffer.capacity() < bufferSize) {
                // a read filled it: the peer sends more than it holds
                growTo(buffer.capacity() * 4);
            }
        }
    }

    /**
     * Replaces the buffer with a larger one, up to {@link #bufferSize}, keeping its bytes. The old
     * one goes back to the pool: what was handed out of it is valid only until this call.
     */
    private void growTo(int size) {
        ByteBuffer larger = BufferPool.DIRECT.take(Math.min(bufferSize, BufferPool.roundUp(size, START_SIZE)));
        larger.put(buffer).flip();
        BufferPool.DIRECT.give(buffer);
        buffer = larger;
    }

    private ForeignPeerException foreign() {
        int count = Math.min(buffer.remaining(), SHOWN_FOREIGN_BYTES);
        byte[] first = new byte[count];
        buffer.get(buffer.position(), first);
        return new ForeignPeerException(first, count);
    }
}
