package dev.txrx.common.protocol;

/** How a session ended, as SESSION_END reports it. */
public enum SessionStatus {
    /** Every file the sending peer meant to send was sent. Wire code 0. */
    COMPLETE(0),
    /** The sending peer stopped early (for example, it is shutting down). Wire code 1. */
    ABORTED(1);

    private final int code;

    SessionStatus(int code) {
        this.code = code;
    }

    /** The byte that stands for this status on the wire. */
    public int code() {
        return code;
    }

    /** The status for a wire code. */
    public static SessionStatus fromCode(int code) throws ProtocolException {
        for (SessionStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new ProtocolException("unknown session status " + code + " in SESSION_END");
    }
}
