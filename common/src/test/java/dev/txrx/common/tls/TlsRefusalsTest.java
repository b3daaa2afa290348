package dev.txrx.common.tls;

import static dev.txrx.common.tls.Loopback.anyServer;
import static dev.txrx.common.tls.Loopback.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Role;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Peers that are not TLS 1.3, and listening sides the check refuses. */
@Timeout(60)
class TlsRefusalsTest extends TwoIdentities {

    /** The start of a txrx HELLO frame in clear: length 12, type 0x01, the magic "TXRX", then payload. */
    private static final byte[] PLAIN_HELLO = HexFormat.ofDelimiter(" ").parseHex("00 00 00 0c 01 54 58 52 58 00 01 01");

    @Test
    void aPlainTxrxPeerConnectingIsNotTls() throws Exception {
        try (Loopback loopback = new Loopback()) {
            // cut into reads of a few bytes: the first ones alone already say "not TLS"
            TlsChannel ours = listener.tls().accept(new Dribbling(loopback.accepted, new SplittableRandom(1)));
            new FrameWriter(loopback.connected).write(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "txrx/1", null));

            assertThatThrownBy(ours::handshake).isInstanceOfSatisfying(NotTlsException.class, e -> {
                assertThat(e.plainTxrxPeer()).isTrue();
                assertThat(e.head()).hasSize(9).startsWith(0x00, 0x00, 0x00).endsWith('T', 'X', 'R', 'X');
                assertThat(e).hasMessage("the peer did not start a TLS handshake");
            });
        }
    }

    @Test
    void aPlainTxrxPeerListeningIsNotTls() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Future<Integer> plain = loopback.start(() -> {
                // a plain peer sends its HELLO at once, and reads the ClientHello as a frame
                loopback.accepted.write(ByteBuffer.wrap(PLAIN_HELLO));
                return loopback.accepted.read(ByteBuffer.allocate(4096));
            });
            TlsChannel ours = connector.tls().connect(loopback.connected, "127.0.0.1", loopback.port, anyServer());

            assertThatThrownBy(ours::handshake).isInstanceOfSatisfying(NotTlsException.class, e -> {
                assertThat(e.plainTxrxPeer()).isTrue();
                assertThat(e.head()).containsExactly(0x00, 0x00, 0x00, 0x0c, 0x01, 'T', 'X', 'R', 'X');
                assertThat(e).hasMessage("the peer did not answer in TLS");
            });
            assertThat(await(plain)).isPositive();
        }
    }

    @Test
    void somethingElseIsNotTlsNorATxrxPeer() throws Exception {
        try (Loopback loopback = new Loopback()) {
            TlsChannel ours = listener.tls().accept(loopback.accepted);
            loopback.connected.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

            assertThatThrownBy(ours::handshake).isInstanceOfSatisfying(NotTlsException.class, e -> {
                assertThat(e.plainTxrxPeer()).isFalse();
                assertThat(new String(e.head(), StandardCharsets.US_ASCII)).startsWith("G");
            });
        }
    }

    @Test
    void aPeerThatClosesAtOnceEndsTheStream() throws Exception {
        try (Loopback loopback = new Loopback()) {
            TlsChannel ours = listener.tls().accept(loopback.accepted);
            loopback.connected.close();

            assertThatThrownBy(ours::handshake).isInstanceOf(EOFException.class)
                    .hasMessage("the peer closed the connection before the TLS handshake");
        }
    }

    @Test
    void aRefusedListeningSideIsUntrustedAndNothingIsSent() throws Exception {
        List<String> checked = new CopyOnWriteArrayList<>();
        List<X509Certificate> seen = new CopyOnWriteArrayList<>();
        UntrustedPeerException refusal = new UntrustedPeerException("the fingerprint changed; nothing was sent");
        ServerCheck refusing = (host, port, certificate) -> {
            checked.add(host + ":" + port);
            seen.add(certificate);
            throw refusal;
        };
        try (Loopback loopback = new Loopback()) {
            TlsChannel listening = listener.tls().accept(loopback.accepted);
            Future<Void> listeningSide = loopback.start(() -> {
                listening.handshake();
                return null;
            });
            TlsChannel ours = connector.tls().connect(loopback.connected, "127.0.0.1", loopback.port, refusing);

            assertThatThrownBy(ours::handshake).isSameAs(refusal);
            assertThatThrownBy(() -> ours.write(ByteBuffer.wrap(new byte[] {1}))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> await(listeningSide)).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageStartingWith("TLS handshake failed: the peer refused this side's certificate");
            assertThat(checked).containsExactly("127.0.0.1:" + loopback.port);
            assertThat(seen).containsExactly(listener.certificate());
        }
    }

    @Test
    void aTls12ClientIsRefused() throws Exception {
        try (Loopback loopback = new Loopback()) {
            TlsChannel ours = listener.tls().accept(loopback.accepted);
            Future<Void> listening = loopback.start(() -> {
                ours.handshake();
                return null;
            });
            try (SSLSocket old = (SSLSocket) connector.trustingContext("TLSv1.2").getSocketFactory()
                    .createSocket(loopback.connected.socket(), "127.0.0.1", loopback.port, false)) {
                old.setEnabledProtocols(new String[] {"TLSv1.2"});

                assertThatThrownBy(old::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
            assertThatThrownBy(() -> await(listening)).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageStartingWith("TLS handshake failed:");
        }
    }

    @Test
    void aTls12ServerIsRefused() throws Exception {
        try (SSLServerSocket old = (SSLServerSocket) listener.trustingContext("TLSv1.2").getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Loopback threads = new Loopback()) {
            old.setEnabledProtocols(new String[] {"TLSv1.2"});
            Future<Void> oldSide = threads.start(() -> {
                try (SSLSocket accepted = (SSLSocket) old.accept()) {
                    accepted.startHandshake();
                }
                return null;
            });
            try (SocketChannel raw = SocketChannel.open(old.getLocalSocketAddress())) {
                TlsChannel ours = connector.tls().connect(raw, "127.0.0.1", old.getLocalPort(), anyServer());

                assertThatThrownBy(ours::handshake).isInstanceOf(SSLException.class)
                        .hasMessageStartingWith("TLS handshake failed:");
            }
            assertThatThrownBy(() -> await(oldSide)).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        try (Loopback loopback = new Loopback()) {
            TlsChannel ours = listener.tls().accept(loopback.accepted);
            Future<Void> listening = loopback.start(() -> {
                ours.handshake();
                return null;
            });
            try (SSLSocket bare = (SSLSocket) SelfSigned.anonymousContext().getSocketFactory()
                    .createSocket(loopback.connected.socket(), "127.0.0.1", loopback.port, false)) {
                bare.startHandshake();
                // TLS 1.3: the client learns of the refusal only when it reads
                assertThatThrownBy(() -> bare.getInputStream().read()).isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> await(listening)).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
