package dev.txrx.common.transport;

import java.io.IOException;

/**
 * A failure on this side that is not the peer's fault and not the network's: a disk that is full,
 * a source file that cannot be read. The connection tells the peer with ERROR INTERNAL and ends;
 * the message is for the local person, and for the peer too unless a {@link #peerMessage()} of
 * its own keeps local details (such as paths) out of what the peer reads.
 */
public class LocalFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What the peer is told; null when it is the message. */
    private final String peerMessage;

    public LocalFailureException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public LocalFailureException(String message) {
        this(message, null, null);
    }

    /** A failure whose ERROR frame tells the peer {@code peerMessage} instead of {@code message}. */
    public LocalFailureException(String message, String peerMessage, Throwable cause) {
        super(message, cause);
        this.peerMessage = peerMessage;
    }

    /** What the peer's ERROR INTERNAL says. */
    public String peerMessage() {
        return peerMessage != null ? peerMessage : getMessage();
    }
}
