package dev.txrx.common.tls;

import java.security.cert.X509Certificate;

/**
 * How the connecting side decides that the listening side is the peer it means: an exact pin,
 * or trust on first use with a {@code known_hosts} file. Called during the TLS handshake, before
 * any txrx frame is sent.
 */
public interface ServerCheck {

    /**
     * Accepts {@code certificate}, presented by the listening side at {@code host:port}, or
     * refuses it.
     *
     * @throws UntrustedPeerException with a message for the user (what was expected, what was
     *                                seen, what to do) if the peer is not the one meant
     */
    void check(String host, int port, X509Certificate certificate) throws UntrustedPeerException;
}
