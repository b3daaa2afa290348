package dev.txrx.common.transport;

/**
 * How a connection ended: the conversation's result, and the failure that cut it short, if one did.
 *
 * @param failure null when the conversation ran to its end
 */
public record Ended<R>(R result, Failure failure) {

    /** True when the peer turned the connection away as busy. */
    public boolean busy() {
        return failure instanceof Failure.PeerError error && error.busy();
    }
}
