package dev.txrx.common.protocol;

/** The reason carried by an ERROR frame. Unknown codes read as {@link #UNKNOWN}. */
public enum ErrorCode {
    /** A code this implementation does not know. Never sent. */
    UNKNOWN(0),
    /** The peer sent something the protocol does not allow. */
    PROTOCOL_VIOLATION(1),
    /** No version both peers speak. */
    UNSUPPORTED_VERSION(2),
    /** The sending peer has reached its connection limit; try again later. */
    BUSY(3),
    /** The REQUEST asks for something this peer does not offer. */
    UNSUPPORTED_REQUEST(4),
    /** The peer waited too long for the next frame. */
    TIMEOUT(5),
    /** A file failed its checksum or the totals did not match. */
    VERIFICATION_FAILED(6),
    /** A local failure unrelated to the peer, such as a disk error. */
    INTERNAL(7),
    /** The peer is shutting down. */
    SHUTTING_DOWN(8),
    /**
     * The listening peer does not admit the connecting one: no access token, a wrong one, an
     * identity that is not authorized, or a resume id that another identity started.
     */
    UNAUTHORIZED(9);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The 16-bit value on the wire. */
    public int code() {
        return code;
    }

    /** The constant for a wire value, {@link #UNKNOWN} for a value not listed. */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return UNKNOWN;
    }
}
