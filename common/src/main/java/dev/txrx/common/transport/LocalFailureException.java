package dev.txrx.common.transport;

import java.io.IOException;

/**
 * A failure on this side that is not the peer's fault and not the network's: a disk that is full,
 * a source file that cannot be read. The connection tells the peer with ERROR INTERNAL and ends;
 * the message is for the local person and, unless a {@linkplain #peerMessage() peer message} is
 * given (one without local paths, say), for the peer too.
 */
public class LocalFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String peerMessage;

    public LocalFailureException(String message, Throwable cause) {
        this(message, message, cause);
    }

    public LocalFailureException(String message) {
        this(message, message, null);
    }

    /** A failure whose {@code message} is logged here and {@code peerMessage} sent to the peer. */
    public LocalFailureException(String message, String peerMessage, Throwable cause) {
        super(message, cause);
        this.peerMessage = peerMessage;
    }

    /** What the peer is told in ERROR INTERNAL. */
    public String peerMessage() {
        return peerMessage;
    }
}
