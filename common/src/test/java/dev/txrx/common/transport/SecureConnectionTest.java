package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.tls.AccessToken;
import dev.txrx.common.tls.Identity;
import dev.txrx.common.tls.PinnedServer;
import dev.txrx.common.tls.Tls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@link PeerConnection}s over loopback, a listening sender and a connecting receiver, each
 * with TLS or in clear: the identities each side sees, and every refusal ({@link Failure.Refused})
 * on both sides, before any conversation starts.
 */
@Timeout(30)
class SecureConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ConnectionSettings LISTENING = new ConnectionSettings(Role.SENDER, "sender/1",
            TIMEOUT, TIMEOUT, FrameReader.MIN_BUFFER_SIZE, true);
    private static final ConnectionSettings CONNECTING = new ConnectionSettings(Role.RECEIVER,
            "receiver/1", TIMEOUT, TIMEOUT, FrameReader.MIN_BUFFER_SIZE, false);

    @TempDir
    static Path identities;
    private static Identity senderIdentity;
    private static Identity receiverIdentity;
    private static Tls senderTls;
    private static Tls receiverTls;

    private ServerSocketChannel server;
    private SocketChannel connecting;
    private SocketChannel accepted;
    private StallWatchdog watchdog;

    @BeforeAll
    static void identities() throws IOException {
        senderIdentity = Identity.loadOrCreate(identities.resolve("sender"));
        receiverIdentity = Identity.loadOrCreate(identities.resolve("receiver"));
        senderTls = Tls.of(senderIdentity.privateKey(), senderIdentity.certificate());
        receiverTls = Tls.of(receiverIdentity.privateKey(), receiverIdentity.certificate());
    }

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        connecting = SocketChannel.open(server.getLocalAddress());
        accepted = server.accept();
        watchdog = new StallWatchdog();
    }

    @AfterEach
    void close() throws IOException {
        watchdog.close();
        accepted.close();
        connecting.close();
        server.close();
    }

    /** What each side saw: the peer's identity, the encryption, and how it ended. */
    private record Seen(String identity, String encryption, Failure failure) {
    }

    private record Both(Seen listening, Seen connecting) {
    }

    private Both run(Security listener, Security connector) throws Exception {
        CompletableFuture<Seen> listened = CompletableFuture.supplyAsync(() -> side(
                new PeerConnection(accepted, "127.0.0.1:1", LISTENING.withSecurity(listener), watchdog)));
        Seen connected = side(PeerConnection.connected(connecting, "127.0.0.1", 1,
                CONNECTING.withSecurity(connector), watchdog));
        return new Both(listened.get(), connected);
    }

    /** The listening side says one frame; the connecting side reads it, as a receiver reads its answer. */
    private static Seen side(PeerConnection connection) {
        Ended<Seen> ended = connection.run(new Conversation<>() {
            @Override
            public Seen converse(PeerConnection peer) throws IOException {
                if (peer.settings().listening()) {
                    peer.writer().write(new Frame.Stats(0, 0));
                } else {
                    Frame frame = peer.reader().next();
                    if (!(frame instanceof Frame.Stats)) {
                        throw PeerConnection.unexpected(frame, "STATS");
                    }
                }
                return new Seen(String.valueOf(peer.peerIdentity()), peer.encryption(), null);
            }

            @Override
            public Seen failed(Failure failure) {
                return new Seen(null, null, failure);
            }
        });
        return ended.result();
    }

    @Test
    void overTlsEachSideSeesTheOthersIdentity() throws Exception {
        Both both = run(Security.listening(senderTls, Admission.ANYONE),
                Security.connecting(receiverTls, new PinnedServer(senderIdentity.fingerprint(), "sender"), null));

        assertThat(both.connecting().failure()).isNull();
        assertThat(both.listening().failure()).isNull();
        assertThat(both.connecting().identity()).isEqualTo(senderIdentity.fingerprint().toString());
        assertThat(both.listening().identity()).isEqualTo(receiverIdentity.fingerprint().toString());
        assertThat(both.connecting().encryption()).startsWith("TLSv1.3 TLS_");
    }

    @Test
    void anIdentityThatIsNotThePinnedOneIsRefusedAsUntrusted() throws Exception {
        Both both = run(Security.listening(senderTls, Admission.ANYONE),
                Security.connecting(receiverTls, new PinnedServer(receiverIdentity.fingerprint(), "sender"), null));

        assertThat(both.connecting().failure()).isInstanceOfSatisfying(Failure.Refused.class, refused -> {
            assertThat(refused.why()).isEqualTo(Failure.Refused.Why.UNTRUSTED);
            assertThat(refused.reason()).contains("not the pinned");
        });
        assertThat(both.listening().failure()).isNotNull();
    }

    @Test
    void withoutTheTokenBothSidesEndUnauthorized() throws Exception {
        AccessToken token = AccessToken.generate();
        Both both = run(Security.listening(senderTls, new Authorization(token, null, "sender")),
                Security.connecting(receiverTls, (host, port, certificate) -> { }, null));

        assertThat(both.connecting().failure()).isInstanceOfSatisfying(Failure.Refused.class, refused -> {
            assertThat(refused.why()).isEqualTo(Failure.Refused.Why.UNAUTHORIZED);
            assertThat(refused.reason()).contains("this sender requires authorization");
        });
        assertThat(both.listening().failure()).isInstanceOfSatisfying(Failure.Refused.class,
                refused -> assertThat(refused.why()).isEqualTo(Failure.Refused.Why.UNAUTHORIZED));
    }

    @Test
    void theTokenAdmits() throws Exception {
        AccessToken token = AccessToken.generate();
        Both both = run(Security.listening(senderTls, new Authorization(token, null, "sender")),
                Security.connecting(receiverTls, (host, port, certificate) -> { }, token));

        assertThat(both.connecting().failure()).isNull();
        assertThat(both.listening().failure()).isNull();
    }

    @Test
    void aConnectingSideInClearIsToldToDropPlain() throws Exception {
        Both both = run(Security.listening(senderTls, Admission.ANYONE), Security.PLAIN);

        assertThat(both.connecting().failure()).isInstanceOfSatisfying(Failure.Refused.class, refused -> {
            assertThat(refused.why()).isEqualTo(Failure.Refused.Why.MISMATCH);
            assertThat(refused.reason()).contains("this sender speaks TLS").contains("drop --plain");
        });
        assertThat(both.listening().failure()).isInstanceOfSatisfying(Failure.Refused.class,
                refused -> assertThat(refused.why()).isEqualTo(Failure.Refused.Why.MISMATCH));
    }

    @Test
    void aListeningSideInClearMakesTheConnectingSideSayAddPlain() throws Exception {
        Both both = run(Security.PLAIN, Security.connecting(receiverTls, (host, port, certificate) -> { }, null));

        assertThat(both.connecting().failure()).isInstanceOfSatisfying(Failure.Refused.class, refused -> {
            assertThat(refused.why()).isEqualTo(Failure.Refused.Why.MISMATCH);
            assertThat(refused.reason()).contains("runs without TLS (--plain); add --plain");
        });
        assertThat(both.listening().failure()).isInstanceOfSatisfying(Failure.Refused.class, refused -> {
            assertThat(refused.why()).isEqualTo(Failure.Refused.Why.MISMATCH);
            assertThat(refused.reason()).contains("speaks TLS");
        });
    }
}
