package dev.txrx.common.tls;

import java.io.IOException;

/**
 * The listening side presented a certificate that is not the one this side expects: it does
 * not match the pin, or it differs from the one recorded for that host and port. Nothing was
 * sent. The message is one line for the user: what was expected, what was seen, what to do.
 */
public final class UntrustedPeerException extends IOException {
    private static final long serialVersionUID = 1L;

    public UntrustedPeerException(String message) {
        super(message);
    }
}
