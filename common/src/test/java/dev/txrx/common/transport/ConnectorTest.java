package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectorTest {

    private static final PeerConnection.Settings SETTINGS = new PeerConnection.Settings(Role.RECEIVER, "txrx-test/1",
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
                    Refusal.refuse(server.accept(), Role.SENDER, "peer/1", ErrorCode.BUSY, "sender is busy", watchdog);
                    try (SocketChannel second = server.accept()) {
                        FrameWriter writer = new FrameWriter(second);
                        writer.write(new Frame.Hello(1, Role.SENDER, "peer/1"));
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
                        Refusal.refuse(server.accept(), Role.SENDER, "peer/1", ErrorCode.BUSY, "sender is busy",
                                watchdog);
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
                    .isInstanceOfSatisfying(ConnectFailedException.class, e -> assertThat(e.peerBusy()).isTrue())
                    .hasMessageContaining("after 2 attempts (last error: sender is busy)");
            peer.join(5000);
        }
    }

    @Test
    void unresolvableHostIsReportedByName() {
        assertThatThrownBy(() -> connector(2).connect("no-such-host.invalid", 47474))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("cannot resolve host 'no-such-host.invalid'");
    }
}
