package dev.txrx.common.protocol;

/** A frame header declared a payload longer than the limit for its type. */
public final class FrameTooLongException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final int limit;

    public FrameTooLongException(int type, long length, int limit) {
        super("frame " + FrameFormat.typeName(type) + " declares a payload of " + length
                + " bytes, more than the limit of " + limit);
        this.length = length;
        this.limit = limit;
    }

    public long length() {
        return length;
    }

    public int limit() {
        return limit;
    }
}
