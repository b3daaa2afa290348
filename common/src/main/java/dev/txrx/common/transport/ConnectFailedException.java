package dev.txrx.common.transport;

import java.io.IOException;

/** Every connection attempt failed, or the host cannot be resolved. */
public final class ConnectFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConnectFailedException(String message) {
        super(message);
    }
}
