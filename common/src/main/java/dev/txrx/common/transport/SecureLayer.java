package dev.txrx.common.transport;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.ForeignPeerException;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.tls.Fingerprint;
import dev.txrx.common.tls.NotTlsException;
import dev.txrx.common.tls.TlsChannel;
import dev.txrx.common.tls.UntrustedPeerException;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layer between a connection's socket and its frames: TLS 1.3 as {@link Security} says, or
 * nothing in clear. The one place where a handshake's failure becomes a refusal: an identity that
 * is not the one expected, or a peer in clear where TLS is spoken.
 */
final class SecureLayer {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);

    /**
     * The channel frames go through.
     *
     * @param peerIdentity the fingerprint of the peer's certificate, or null in clear
     * @param encryption   the protocol and cipher suite, or null in clear
     */
    record Opened(ByteChannel channel, Fingerprint peerIdentity, String encryption) {
    }

    private SecureLayer() {
    }

    /**
     * Opens the layer over {@code raw}, the socket as the watchdog times it. On the connecting
     * side {@code host} and {@code port} are what the listening side's certificate is checked
     * against; {@code peer} names the peer in messages ({@code receiver 10.0.0.2:41000}).
     *
     * @throws RefusedException     if the sides cannot trust or understand each other
     * @throws ForeignPeerException if the peer speaks neither TLS nor txrx
     */
    static Opened open(WatchedChannel raw, SocketChannel socket, ConnectionSettings settings, String host,
                       int port, String peer) throws IOException {
        Security security = settings.security();
        if (security.plain()) {
            return new Opened(raw, null, null);
        }
        TlsChannel tls = settings.listening() ? security.tls().accept(raw)
                : security.tls().connect(raw, host, port, security.serverCheck());
        try {
            tls.handshake();
        } catch (NotTlsException e) {
            throw notTls(e, raw, socket, settings, peer);
        } catch (UntrustedPeerException e) {
            log.info("{} not trusted: {}", peer, e.getMessage());
            throw new RefusedException(Failure.Refused.Why.UNTRUSTED, e.getMessage());
        }
        return new Opened(tls, Fingerprint.of(tls.peerCertificate()), tls.protocol() + " " + tls.cipherSuite());
    }

    /**
     * The peer's first bytes were no TLS record. A peer in clear is answered in clear, so that it
     * can read why we hang up: a txrx peer what to change, anything else (an HTTP client, a port
     * scanner) that this is not its protocol, as the listening side says it without TLS.
     */
    private static IOException notTls(NotTlsException e, WatchedChannel raw, SocketChannel socket,
                                      ConnectionSettings settings, String peer) {
        if (!e.plainTxrxPeer()) {
            byte[] head = e.head();
            ForeignPeerException foreign = new ForeignPeerException(head, head.length);
            if (settings.listening()) {
                Refusal.answer(raw, socket, settings.self(), settings.agent(), foreign.code(), foreign.getMessage());
            }
            return foreign;
        }
        String self = settings.self() == Role.SENDER ? "sender" : "receiver";
        if (!settings.listening()) {
            int space = peer.indexOf(' ');
            String reason = "the " + peer.substring(0, space) + " at " + peer.substring(space + 1)
                    + " runs without TLS (--plain); add --plain to talk to it in clear";
            log.info("{}", reason);
            return new RefusedException(Failure.Refused.Why.MISMATCH, reason);
        }
        log.warn("{} speaks without TLS (--plain?): refused", peer);
        Refusal.answer(raw, socket, settings.self(), settings.agent(), ErrorCode.UNSUPPORTED_VERSION,
                "this " + self + " speaks TLS (protocol version " + FrameFormat.MIN_VERSION + " and later); drop --plain");
        return new RefusedException(Failure.Refused.Why.MISMATCH, peer + " speaks without TLS");
    }
}
