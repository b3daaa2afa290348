package dev.txrx.common.tls;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Accepts exactly one listening peer: the one whose certificate has the fingerprint the user
 * pinned ({@code --pin}, or the pin of a ticket).
 *
 * @param pin      the fingerprint the peer must present
 * @param peerName what the peer is, for the message: {@code "sender"} or {@code "receiver"}
 */
public record PinnedServer(Fingerprint pin, String peerName) implements ServerCheck {

    public PinnedServer {
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(peerName, "peerName");
    }

    /** Passes when {@code certificate}'s fingerprint is the pin; refuses any other. */
    @Override
    public void check(String host, int port, X509Certificate certificate) throws UntrustedPeerException {
        Fingerprint presented = Fingerprint.of(certificate);
        if (!presented.equals(pin)) {
            throw new UntrustedPeerException("the " + peerName + " at " + new HostPort(host, port)
                    + " presented identity " + presented + ", not the pinned " + pin
                    + "; nothing was sent. Check the address and the pin.");
        }
    }
}
