package dev.txrx.common.transport;

import java.io.IOException;

/**
 * No session could start: every connection attempt failed, the host cannot be resolved, the
 * peer stayed busy, or the two sides refused each other ({@link Failure.Refused}), which no
 * further attempt can change.
 */
public final class ConnectFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean peerBusy;
    private final transient Failure.Refused refused;

    public ConnectFailedException(String message) {
        this(message, false);
    }

    /** @param peerBusy true when the last attempt reached the peer, which turned it away as busy */
    public ConnectFailedException(String message, boolean peerBusy) {
        super(message);
        this.peerBusy = peerBusy;
        this.refused = null;
    }

    /** The sides refused each other: untrusted, unauthorized, or not speaking the same way. */
    public ConnectFailedException(Failure.Refused refused) {
        super(refused.reason());
        this.peerBusy = false;
        this.refused = refused;
    }

    /** True when the last attempt reached the peer, which turned it away as busy. */
    public boolean peerBusy() {
        return peerBusy;
    }

    /** Why the sides refused each other, or null when no connection got that far. */
    public Failure.Refused refused() {
        return refused;
    }
}
