package dev.txrx.common.transport;

import dev.txrx.common.protocol.FrameFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Handshake;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectorTest {

    /** A listening sender in clear that refuses as busy. */
    private static final ConnectionSettings BUSY_PEER = new ConnectionSettings(Role.SENDER, "peer/1",
            Duration.ofSeconds(5), Duration.ofSeconds(5), dev.txrx.common.protocol.FrameReader.MIN_BUFFER_SIZE, true);
    private static final ConnectionSettings SETTINGS = new ConnectionSettings(Role.RECEIVER, "txrx-test/1",
            Duration.ofSeconds(5), Duration.ofSeconds(5), FrameReader.MIN_BUFFER_SIZE, false);

    private final List<String> failures = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    private Connector connector(int attempts) {
        return new Connector(new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofMillis(300)),
                Duration.ofSeconds(2),
                (attempt, left, reason, delay) -> failures.add(attempt + "/" + left + "/" + delay.toMillis()),
                sleeps::add);
    }

    @Test
    void givesUpAfterItsAttemptsWithGrowingPauses() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> connector(4).connect("127.0.0.1", port))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("after 4 attempts")
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(failures).containsExactly("1/3/100", "2/2/200", "3/1/300");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    }

    @Test
    void connectsAtOnceWhenTheSenderListens() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SocketChannel channel = connector(3).connect("127.0.0.1", server.getLocalPort())) {
            assertThat(channel.isConnected()).isTrue();
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void aBusyPeerCostsAnAttemptAndIsTriedAgain() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             StallWatchdog watchdog = new StallWatchdog()) {
            Thread peer = new Thread(() -> {
                try {
                    Refusal.refuse(server.accept(), BUSY_PEER, ErrorCode.BUSY, "sender is busy", watchdog);
                    try (SocketChannel second = server.accept()) {
                        FrameWriter writer = new FrameWriter(second);
                        writer.write(new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "peer/1"));
                        writer.write(new Frame.Text("served"));
                        new FrameReader(second).readHello();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            peer.start();
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String result = connector(3).converse("127.0.0.1", port, SETTINGS, watchdog, () -> new Conversation<>() {
                @Override
                public String converse(PeerConnection connection) throws IOException {
                    return connection.read(Frame.Text.class, "TEXT").text();
                }

                @Override
                public String failed(Failure failure) {
                    return failure.message();
                }
            });
            peer.join(5000);
            assertThat(result).isEqualTo("served");
            assertThat(failures).containsExactly("1/2/100");
        }
    }

    @Test
    void aPeerBusyUntilTheBudgetRunsOutIsAFailedConnection() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             StallWatchdog watchdog = new StallWatchdog()) {
            Thread peer = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try {
                        Refusal.refuse(server.accept(), BUSY_PEER, ErrorCode.BUSY, "sender is busy", watchdog);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            peer.start();
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            assertThatThrownBy(() -> connector(2).converse("127.0.0.1", port, SETTINGS, watchdog,
                    () -> new Conversation<String>() {
                        @Override
                        public String converse(PeerConnection connection) throws IOException {
                            return connection.read(Frame.Text.class, "TEXT").text();
                        }

                        @Override
                        public String failed(Failure failure) {
                            return failure.message();
                        }
                    }))
                    .isInstanceOfSatisfying(ConnectFailedException.class, e -> assertThat(e.peerBusy() && !e.peerMayBeDown()).isTrue())
                    .hasMessageContaining("after 2 attempts (last error: sender is busy)");
            peer.join(5000);
        }
    }

    /** A name that does not resolve fails at once, by name: no retry can make it resolve. */
    @Test
    void unresolvableHostFailsAtOnceWithoutRetrying() {
        List<String> asked = new ArrayList<>();
        Connector connector = new Connector(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300)),
                Duration.ofSeconds(2), (attempt, left, reason, delay) -> failures.add(reason), sleeps::add,
                host -> {
                    asked.add(host);
                    throw new java.net.UnknownHostException(host);
                });
        assertThatThrownBy(() -> connector.connect("no-such-host.invalid", 47474))
                .isInstanceOfSatisfying(ConnectFailedException.class, e -> {
                    assertThat(e.unresolved()).isTrue();
                    assertThat(e.peerMayBeDown()).as("no 'is it running?' after a typo").isFalse();
                })
                .hasMessage("cannot resolve host 'no-such-host.invalid'");
        assertThat(asked).containsExactly("no-such-host.invalid");
        assertThat(failures).isEmpty();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aPeerThatRefusesEveryAttemptMayBeDown() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> connector(1).connect("127.0.0.1", port))
                .isInstanceOfSatisfying(ConnectFailedException.class, e -> assertThat(e.peerMayBeDown()).isTrue());
    }

    /** A session that connects again says why in the notice, and hears of each connection before its handshake. */
    @Test
    void connectingAgainGivesTheReasonOfTheAttemptsAndAnnouncesEachConnection() throws Exception {
        List<String> reasons = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        Connector connector = new Connector(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(1)),
                Duration.ofSeconds(2), (attempt, left, reason, delay) -> reasons.add(reason), sleeps::add);
        try (ServerSocketChannel server = ServerSocketChannel.open();
             StallWatchdog watchdog = new StallWatchdog()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (int n = 0; n < 2; n++) {
                    try (SocketChannel peer = server.accept()) {
                        Handshake.exchange(new FrameReader(peer), new FrameWriter(peer), Role.SENDER, "test");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            ConnectionSettings settings = new ConnectionSettings(Role.RECEIVER, "test", Duration.ofSeconds(5),
                    Duration.ofSeconds(5), FrameReader.MIN_BUFFER_SIZE, false);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();

            String result = connector.converse("127.0.0.1", port, settings, watchdog, new Connector.Attempts<>() {
                private int conversations;

                @Override
                public Conversation<String> next() {
                    int number = ++conversations;
                    return new Conversation<>() {
                        @Override
                        public String converse(PeerConnection connection) {
                            events.add("conversation " + number);
                            return "result " + number;
                        }

                        @Override
                        public String failed(Failure failure) {
                            return failure.message();
                        }
                    };
                }

                @Override
                public void connected(PeerConnection connection) {
                    events.add("connected");
                }

                @Override
                public boolean again(Ended<String> ended) {
                    return ended.result().equals("result 1");
                }

                @Override
                public String againBecause(Ended<String> ended) {
                    return ended.result() + " wants more";
                }
            });
            sender.get();

            assertThat(result).isEqualTo("result 2");
            assertThat(events).containsExactly("connected", "conversation 1", "connected", "conversation 2");
            assertThat(reasons).containsExactly("result 1 wants more");
        }
    }
}
