package dev.txrx.common.transport;

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

    private static final PeerConnection.Settings SENDING = new PeerConnection.Settings(Role.SENDER, "txrx-test/1",
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
                new FrameWriter(first).write(new Frame.Hello(1, Role.RECEIVER, "peer/1"));
                assertThat(admitted.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(acceptor.openConnections()).isEqualTo(1);

                new FrameWriter(second).write(new Frame.Hello(1, Role.RECEIVER, "peer/2"));
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
}
