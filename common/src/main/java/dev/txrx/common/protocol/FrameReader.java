package dev.txrx.common.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads frames from a channel through one buffer allocated up front. Lengths are checked
 * against the limits before a payload is read, and no allocation ever depends on a length the
 * peer declares: FILE_DATA payloads are handed out as slices of the buffer, in as many pieces
 * as the buffer needs.
 *
 * <p>Not thread-safe. A {@link Frame.FileData} buffer is valid until the next call.
 */
public final class FrameReader {

    private static final Logger log = LoggerFactory.getLogger(FrameReader.class);

    /** Default buffer size: room for the largest control frame and then some. */
    public static final int DEFAULT_BUFFER_SIZE = 256 * 1024;
    /** Smallest allowed buffer: one header and the largest control payload. */
    public static final int MIN_BUFFER_SIZE = FrameFormat.HEADER_LENGTH + FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH;

    private static final int HELLO_MIN_PAYLOAD = 10;
    private static final int FILE_ID_FIELD = Integer.BYTES;
    private static final int SHOWN_FOREIGN_BYTES = 16;

    private final ReadableByteChannel in;
    /** Bytes received and not yet consumed lie between position and limit. */
    private final ByteBuffer buffer;
    private long dataId;
    private long dataRemaining;
    private long bytesRead;

    public FrameReader(ReadableByteChannel in) {
        this(in, DEFAULT_BUFFER_SIZE);
    }

    public FrameReader(ReadableByteChannel in, int bufferSize) {
        if (bufferSize < MIN_BUFFER_SIZE) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes is smaller than " + MIN_BUFFER_SIZE);
        }
        this.in = in;
        this.buffer = ByteBuffer.allocateDirect(bufferSize);
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
        int length = buffer.getInt(buffer.position());
        byte type = buffer.get(buffer.position() + FrameFormat.TYPE_OFFSET);
        if (type != FrameFormat.HELLO || length < HELLO_MIN_PAYLOAD
                || length > FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH) {
            throw foreign();
        }
        if (!fill(FrameFormat.HEADER_LENGTH + Integer.BYTES)) {
            throw foreign();
        }
        if (buffer.getInt(buffer.position() + FrameFormat.HEADER_LENGTH) != FrameFormat.MAGIC) {
            throw foreign();
        }
        Frame frame = next();
        return (Frame.Hello) frame;
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
            long length = buffer.getInt() & 0xffff_ffffL;
            byte type = buffer.get();
            if (length > FrameFormat.MAX_PAYLOAD_LENGTH) {
                throw new FrameTooLongException(type, length, FrameFormat.MAX_PAYLOAD_LENGTH);
            }
            if (type == FrameFormat.FILE_DATA) {
                if (length < FILE_ID_FIELD) {
                    throw new ProtocolException("FILE_DATA payload of " + length + " bytes has no file id");
                }
                requireBytes(FILE_ID_FIELD, "FILE_DATA");
                dataId = buffer.getInt() & 0xffff_ffffL;
                dataRemaining = length - FILE_ID_FIELD;
                if (dataRemaining == 0) {
                    return new Frame.FileData(dataId, ByteBuffer.allocate(0));
                }
                return nextDataPiece();
            }
            if (length > FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH) {
                throw new FrameTooLongException(type, length, FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
            }
            int payloadLength = (int) length;
            if (!isKnownControlType(type)) {
                if ((type & FrameFormat.IGNORABLE_TYPE_BIT) == 0) {
                    throw new ProtocolException("unknown frame type " + FrameFormat.typeName(type)
                            + " (" + length + " payload bytes)");
                }
                requireBytes(payloadLength, FrameFormat.typeName(type));
                buffer.position(buffer.position() + payloadLength);
                log.debug("<- skipped ignorable frame type {} ({} payload bytes)", FrameFormat.typeName(type), length);
                continue;
            }
            requireBytes(payloadLength, FrameFormat.typeName(type));
            ByteBuffer payload = buffer.slice(buffer.position(), payloadLength);
            buffer.position(buffer.position() + payloadLength);
            Frame frame = FrameCodec.decode(type, payload);
            if (log.isDebugEnabled()) {
                log.debug("<- {} ({} payload bytes)", frame, payloadLength);
            }
            return frame;
        }
    }

    private static boolean isKnownControlType(byte type) {
        return switch (type) {
            case FrameFormat.HELLO, FrameFormat.ERROR, FrameFormat.REQUEST, FrameFormat.FILE_START,
                    FrameFormat.DIRECTORY, FrameFormat.ENTRY, FrameFormat.MISSING, FrameFormat.PING, FrameFormat.PONG,
                    FrameFormat.TEXT, FrameFormat.STATS_REQUEST, FrameFormat.STATS, FrameFormat.LEAVE,
                    FrameFormat.RESUME, FrameFormat.HAVE, FrameFormat.SESSION_START,
                    FrameFormat.FILE_END, FrameFormat.SESSION_END, FrameFormat.SESSION_CONFIRM -> true;
            default -> false;
        };
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
        }
    }

    private ForeignPeerException foreign() {
        int count = Math.min(buffer.remaining(), SHOWN_FOREIGN_BYTES);
        byte[] first = new byte[count];
        buffer.get(buffer.position(), first);
        return new ForeignPeerException(first, count);
    }
}
