package dev.txrx.common.transport;

import java.io.IOException;

/**
 * A failure on this side that is not the peer's fault and not the network's: a disk that is full,
 * a source file that cannot be read. The connection tells the peer with ERROR INTERNAL and ends;
 * the message is for the local person and the peer alike.
 */
public class LocalFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    public LocalFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    public LocalFailureException(String message) {
        super(message);
    }
}
