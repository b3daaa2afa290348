package dev.txrx.common.transport;

import java.io.IOException;

/** Ends a connection with a {@link Failure.Refused}, already logged and told to the peer where it could be. */
final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Failure.Refused refused;

    RefusedException(Failure.Refused.Why why, String reason) {
        super(reason);
        this.refused = new Failure.Refused(why, reason);
    }

    Failure.Refused refused() {
        return refused;
    }
}
