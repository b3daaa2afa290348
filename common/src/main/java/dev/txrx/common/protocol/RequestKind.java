package dev.txrx.common.protocol;

/** What a REQUEST asks for. */
public enum RequestKind {
    /** Send the session's files, whatever the sending peer serves. Wire code 1. */
    FILES(1),
    /** Send the catalogue (ENTRY frames), not the files. Wire code 2. */
    LIST(2),
    /** Send only the named entries (a directory name stands for its whole tree). Wire code 3. */
    GET(3),
    /** Answer PING frames with PONG frames until the receiving peer closes. Wire code 4. */
    PING(4);

    private final int code;

    RequestKind(int code) {
        this.code = code;
    }

    /** The byte that stands for this kind on the wire. */
    public int code() {
        return code;
    }

    /** The kind for a wire code. */
    public static RequestKind fromCode(int code) throws ProtocolException {
        for (RequestKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new ProtocolException(ErrorCode.UNSUPPORTED_REQUEST, "unsupported request kind " + code);
    }
}
