package dev.txrx.common.protocol;

/** A frame header declared a payload longer than the limit for its type. */
public final class FrameTooLongException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final int limit;

    public FrameTooLongException(byte type, long length, int limit) {
        super("frame " + FrameType.nameOf(type) + " declares a payload of " + length
                + " bytes, more than the limit of " + limit);
        this.length = length;
        this.limit = limit;
    }

    /** The payload length the header declared. */
    public long length() {
        return length;
    }

    /** The largest payload the frame's type allows. */
    public int limit() {
        return limit;
    }
}
