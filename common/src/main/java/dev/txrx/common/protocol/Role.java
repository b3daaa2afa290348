package dev.txrx.common.protocol;

/** Which side of a transfer a peer is, as announced in its HELLO. */
public enum Role {
    /** The peer that has the files and sends them. Wire code 1. */
    SENDER(1),
    /** The peer that asks for files and receives them. Wire code 2. */
    RECEIVER(2);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    /** The byte that stands for this role on the wire. */
    public int code() {
        return code;
    }

    /** The role for a wire code. */
    public static Role fromCode(int code) throws ProtocolException {
        for (Role role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        throw new ProtocolException("unknown role " + code + " in HELLO");
    }
}
