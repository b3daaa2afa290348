package dev.txrx.common.transport;

import dev.txrx.common.tls.Fingerprint;

/**
 * Whom a listening side lets in: decided once per connection, after the TLS handshake and the
 * HELLOs, before the conversation, by {@link PeerConnection}. A refusal is sent to the peer as
 * ERROR UNAUTHORIZED and logged once with its address.
 */
public interface Admission {

    /** Admits everyone: generated content, the trickle and ping by default, and {@code --open}. */
    Admission ANYONE = (host, identity, token) -> null;

    /**
     * Decides about a peer. It may pause first, to slow down an address that keeps failing.
     *
     * @param host     the peer's address, without the port
     * @param identity the fingerprint of the certificate the peer presented, or null in clear
     * @param token    the access token the peer's HELLO presented, or "" for none
     * @return null to admit the peer, or why it is refused, for the peer to read
     */
    String refusal(String host, Fingerprint identity, String token) throws InterruptedException;
}
