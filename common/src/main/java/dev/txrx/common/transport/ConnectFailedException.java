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
    private final boolean unresolved;
    private final transient Failure.Refused refused;

    public ConnectFailedException(String message) {
        this(message, false);
    }

    /** @param peerBusy true when the last attempt reached the peer, which turned it away as busy */
    public ConnectFailedException(String message, boolean peerBusy) {
        this(message, peerBusy, false);
    }

    private ConnectFailedException(String message, boolean peerBusy, boolean unresolved) {
        super(message);
        this.peerBusy = peerBusy;
        this.unresolved = unresolved;
        this.refused = null;
    }

    /** The sides refused each other: untrusted, unauthorized, or not speaking the same way. */
    public ConnectFailedException(Failure.Refused refused) {
        super(refused.reason());
        this.peerBusy = false;
        this.unresolved = false;
        this.refused = refused;
    }

    /** The host name does not resolve: no attempt was made, and none will help. */
    public static ConnectFailedException unresolved(String message) {
        return new ConnectFailedException(message, false, true);
    }

    /** True when the host name did not resolve. */
    public boolean unresolved() {
        return unresolved;
    }

    /**
     * True when the peer may simply not be running: every attempt was refused or timed out. Not
     * after a name that does not resolve, a peer that answered busy, or a refusal: a person asked
     * "is it running?" then would look in the wrong place.
     */
    public boolean peerMayBeDown() {
        return !peerBusy && !unresolved && refused == null;
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
