package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
    void unresolvableHostIsReportedByName() {
        assertThatThrownBy(() -> connector(2).connect("no-such-host.invalid", 47474))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("cannot resolve host 'no-such-host.invalid'");
    }
}
