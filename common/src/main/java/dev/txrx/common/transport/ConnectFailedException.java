package dev.txrx.common.transport;

import java.io.IOException;

/** Every connection attempt failed, or the host cannot be resolved. */
public final class ConnectFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean peerBusy;

    public ConnectFailedException(String message) {
        this(message, false);
    }

    /** @param peerBusy true when the last attempt reached the peer, which turned it away as busy */
    public ConnectFailedException(String message, boolean peerBusy) {
        super(message);
        this.peerBusy = peerBusy;
    }

    /** True when the last attempt reached the peer, which turned it away as busy. */
    public boolean peerBusy() {
        return peerBusy;
    }
}
