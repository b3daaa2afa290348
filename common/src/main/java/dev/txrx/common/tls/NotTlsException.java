package dev.txrx.common.tls;

import java.io.IOException;
import java.util.Arrays;

/**
 * The peer's first bytes are not a TLS record. {@link #head()} holds what was read, so that the
 * caller can tell a txrx peer that runs without TLS ({@code --plain}) from something else.
 */
public final class NotTlsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The offset of the HELLO magic in a txrx connection's first frame: the 5-byte frame header. */
    private static final int MAGIC_OFFSET = 5;
    private static final byte[] MAGIC = {'T', 'X', 'R', 'X'};

    private final byte[] head;

    public NotTlsException(String message, byte[] head) {
        super(message);
        this.head = head.clone();
    }

    /** The bytes the peer sent first, as far as they were read (at least one). */
    public byte[] head() {
        return head.clone();
    }

    /** True when {@link #head()} starts like a txrx HELLO frame in clear: a peer running with {@code --plain}. */
    public boolean plainTxrxPeer() {
        if (head.length < MAGIC_OFFSET + MAGIC.length || head[4] != 0x01) {
            return false;
        }
        return Arrays.equals(head, MAGIC_OFFSET, MAGIC_OFFSET + MAGIC.length, MAGIC, 0, MAGIC.length);
    }
}
