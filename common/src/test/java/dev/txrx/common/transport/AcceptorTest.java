package dev.txrx.common.transport;

import dev.txrx.common.protocol.FrameFormat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listening side: admits up to its maximum, refuses the next as BUSY, and cancels what is open on close. */
@Timeout(20)
class AcceptorTest {

    private static final ConnectionSettings SENDING = new ConnectionSettings(Role.SENDER, "txrx-test/1",
            Duration.ofSeconds(5), Duration.ofSeconds(5), FrameReader.MIN_BUFFER_SIZE, true);

    @Test
    void theConnectionBeyondTheMaximumIsRefusedAsBusyAndCloseCancelsTheOthers() throws Exception {
        List<Failure> failures = new CopyOnWriteArrayList<>();
        CountDownLatch admitted = new CountDownLatch(1);
        try (StallWatchdog watchdog = new StallWatchdog()) {
            Acceptor acceptor = Acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16,
                    SENDING, 1, open -> "sender is busy: it serves " + open + " of at most 1 receivers", "test",
                    watchdog);
            Thread accepting = new Thread(() -> {
                try {
                    acceptor.serve(connection -> connection.run(new Conversation<String>() {
                        @Override
                        public String converse(PeerConnection c) throws IOException {
                            admitted.countDown();
                            return c.read(Frame.Request.class, "REQUEST").toString();
                        }

                        @Override
                        public String failed(Failure failure) {
                            failures.add(failure);
                            return null;
                        }
                    }));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            accepting.start();
            InetSocketAddress address = acceptor.address();
            try (SocketChannel first = SocketChannel.open(address); SocketChannel second = SocketChannel.open(address)) {
                new FrameWriter(first).write(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "peer/1"));
                assertThat(admitted.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(acceptor.openConnections()).isEqualTo(1);

                new FrameWriter(second).write(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "peer/2"));
                FrameReader refused = new FrameReader(second);
                assertThat(refused.readHello().role()).isEqualTo(Role.SENDER);
                Frame.Error busy = (Frame.Error) refused.next();
                assertThat(busy.code()).isEqualTo(ErrorCode.BUSY);
                assertThat(busy.message()).isEqualTo("sender is busy: it serves 1 of at most 1 receivers");

                acceptor.close();
                accepting.join(5000);
                assertThat(accepting.isAlive()).isFalse();
                assertThat(failures).containsExactly(new Failure.Cancelled());
            }
        }
    }

    /** Issue 12, defect 16: a refusal burst costs a bounded number of threads, and the listener serves afterwards. */
    @Test
    void aBurstOfRefusalsRunsOnTwoThreadsAndTheListenerStillServesAfterwards() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> served = new CopyOnWriteArrayList<>();
        try (StallWatchdog watchdog = new StallWatchdog()) {
            Acceptor acceptor = Acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512,
                    SENDING, 1, open -> "busy", "test", watchdog);
            Thread accepting = new Thread(() -> {
                try {
                    acceptor.serve(connection -> connection.run(new Conversation<String>() {
                        @Override
                        public String converse(PeerConnection c) throws IOException, InterruptedException {
                            served.add(c.peerHello().agent());
                            release.await();
                            return null;
                        }

                        @Override
                        public String failed(Failure failure) {
                            return null;
                        }
                    }));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            accepting.start();
            InetSocketAddress address = acceptor.address();
            try (SocketChannel holder = SocketChannel.open(address)) {
                new FrameWriter(holder).write(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "holder"));
                while (served.isEmpty()) {
                    Thread.sleep(10);
                }
                List<SocketChannel> burst = new java.util.ArrayList<>();
                int mostRefusing = 0;
                try {
                    for (int i = 0; i < 300; i++) {
                        burst.add(SocketChannel.open(address));
                        mostRefusing = Math.max(mostRefusing, liveThreads("refuse-"));
                    }
                    // the refusals are queued or lingering now, waiting for the burst to close
                    mostRefusing = Math.max(mostRefusing, liveThreads("refuse-"));
                } finally {
                    for (SocketChannel socket : burst) {
                        socket.close();
                    }
                }
                assertThat(mostRefusing).isBetween(1, 2);
                release.countDown();
            }
            while (acceptor.openConnections() > 0) {
                Thread.sleep(10);
            }
            try (SocketChannel after = SocketChannel.open(address)) {
                new FrameWriter(after).write(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "after-the-burst"));
                assertThat(new FrameReader(after).readHello().role()).isEqualTo(Role.SENDER);
                while (!served.contains("after-the-burst")) {
                    Thread.sleep(10);
                }
            }
            acceptor.close();
            accepting.join(5000);
        }
    }

    private static int liveThreads(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix)).count();
    }
}
