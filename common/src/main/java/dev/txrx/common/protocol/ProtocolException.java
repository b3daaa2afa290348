package dev.txrx.common.protocol;

import java.io.IOException;

/**
 * The peer broke the protocol: a malformed, unexpected or oversize frame. Carries the
 * {@link ErrorCode} to report back to the peer in an ERROR frame.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(String message) {
        this(ErrorCode.PROTOCOL_VIOLATION, message);
    }

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The code to put in an ERROR frame sent in answer. */
    public ErrorCode code() {
        return code;
    }
}
