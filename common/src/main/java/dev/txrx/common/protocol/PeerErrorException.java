package dev.txrx.common.protocol;

import dev.txrx.common.text.Printable;
import java.io.IOException;

/** The peer sent an ERROR frame. */
public final class PeerErrorException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Frame.Error error;

    public PeerErrorException(Frame.Error error) {
        super("peer reported " + error.code() + ": " + Printable.escape(error.message()));
        this.error = error;
    }

    public Frame.Error error() {
        return error;
    }
}
