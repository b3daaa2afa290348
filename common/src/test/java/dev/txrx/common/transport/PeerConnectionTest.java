package dev.txrx.common.transport;

import dev.txrx.common.protocol.FrameFormat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@link PeerConnection} against a scripted peer on loopback: each way a conversation can end
 * becomes one {@link Failure}, and the peer hears what the protocol says it should.
 */
@Timeout(20)
class PeerConnectionTest {

    private static final ConnectionSettings RECEIVING = new ConnectionSettings(Role.RECEIVER,
            "txrx-test/1", Duration.ofSeconds(5), Duration.ofSeconds(5), FrameReader.MIN_BUFFER_SIZE, false);

    private ServerSocketChannel server;
    private SocketChannel ours;
    private SocketChannel theirs;
    private StallWatchdog watchdog;

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ours = SocketChannel.open(server.getLocalAddress());
        theirs = server.accept();
        watchdog = new StallWatchdog();
    }

    @AfterEach
    void close() throws IOException {
        watchdog.close();
        theirs.close();
        ours.close();
        server.close();
    }

    /** The peer's side: a sender that says HELLO, then whatever the test wants. */
    private FrameWriter peerSaysHello() throws IOException {
        FrameWriter writer = new FrameWriter(theirs);
        writer.write(new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "peer/1"));
        return writer;
    }

    private Ended<String> run(Conversation<String> conversation) {
        return run(RECEIVING, conversation);
    }

    private Ended<String> run(ConnectionSettings settings, Conversation<String> conversation) {
        return new PeerConnection(ours, "127.0.0.1:1", settings, watchdog).run(conversation);
    }

    /** A conversation that does {@code body} and reports failures by their message. */
    private static Conversation<String> conversation(Body body) {
        return new Conversation<>() {
            @Override
            public String converse(PeerConnection connection) throws IOException, InterruptedException {
                return body.run(connection);
            }

            @Override
            public String failed(Failure failure) {
                return "failed: " + failure.message();
            }
        };
    }

    private interface Body {
        String run(PeerConnection connection) throws IOException, InterruptedException;
    }

    @Test
    void aConversationThatEndsNormallyGivesItsResultAndNoFailure() throws IOException {
        peerSaysHello().write(new Frame.Text("hi"));
        Ended<String> ended = run(conversation(c -> c.read(Frame.Text.class, "TEXT").text()));
        assertThat(ended.failure()).isNull();
        assertThat(ended.result()).isEqualTo("hi");
    }

    @Test
    void aProtocolViolationIsToldToThePeerWithAnErrorFrame() throws IOException {
        peerSaysHello().write(new Frame.Leave());
        Ended<String> ended = run(conversation(c -> c.read(Frame.Text.class, "TEXT").text()));
        assertThat(ended.failure()).isInstanceOf(Failure.ProtocolViolation.class);
        assertThat(ended.result()).isEqualTo("failed: protocol error: expected TEXT, got LEAVE");
        FrameReader peer = new FrameReader(theirs);
        assertThat(peer.readHello().role()).isEqualTo(Role.RECEIVER);
        Frame.Error error = (Frame.Error) peer.next();
        assertThat(error.code()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
        assertThat(error.message()).isEqualTo("expected TEXT, got LEAVE");
    }

    @Test
    void aBusyRefusalIsRecognisedAsBusy() throws IOException {
        peerSaysHello().write(new Frame.Error(ErrorCode.BUSY, "sender is busy: try again later"));
        Ended<String> ended = run(conversation(c -> {
            c.writer().write(new Frame.Request(RequestKind.FILES));
            return c.read(Frame.SessionStart.class, "SESSION_START").note();
        }));
        assertThat(ended.busy()).isTrue();
        assertThat(ended.result()).isEqualTo("failed: sender is busy: try again later");
    }

    @Test
    void anotherPeerErrorIsNotBusy() throws IOException {
        peerSaysHello().write(new Frame.Error(ErrorCode.UNSUPPORTED_REQUEST, "no catalogue"));
        Ended<String> ended = run(conversation(c -> c.read(Frame.Entry.class, "ENTRY").name()));
        assertThat(ended.busy()).isFalse();
        assertThat(ended.failure()).isInstanceOfSatisfying(Failure.PeerError.class,
                e -> assertThat(e.error().code()).isEqualTo(ErrorCode.UNSUPPORTED_REQUEST));
        assertThat(ended.result()).isEqualTo("failed: peer reported UNSUPPORTED_REQUEST: no catalogue");
    }

    @Test
    void aLocalFailureIsToldToThePeerAsInternal() throws IOException {
        peerSaysHello();
        Ended<String> ended = run(conversation(c -> {
            throw new LocalFailureException("cannot store a.txt: No space left on device");
        }));
        assertThat(ended.failure()).isEqualTo(new Failure.LocalFailure("cannot store a.txt: No space left on device"));
        FrameReader peer = new FrameReader(theirs);
        peer.readHello();
        Frame.Error error = (Frame.Error) peer.next();
        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(error.message()).isEqualTo("cannot store a.txt: No space left on device");
    }

    @Test
    void aBugIsAnInternalErrorToldToThePeer() throws IOException {
        peerSaysHello();
        Ended<String> ended = run(conversation(c -> {
            throw new IllegalStateException("deliberate failure for the test");
        }));
        assertThat(ended.failure()).isInstanceOf(Failure.InternalError.class);
        assertThat(ended.result()).isEqualTo("failed: internal error: deliberate failure for the test");
        FrameReader peer = new FrameReader(theirs);
        peer.readHello();
        assertThat(((Frame.Error) peer.next()).code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void aPeerThatClosesInTheMiddleIsALostConnection() throws IOException {
        peerSaysHello();
        theirs.shutdownOutput();
        Ended<String> ended = run(conversation(c -> c.read(Frame.Text.class, "TEXT").text()));
        assertThat(ended.failure()).isEqualTo(new Failure.ConnectionLost(Failure.ConnectionLost.How.CLOSED,
                "connection closed while waiting for TEXT"));
    }

    @Test
    void aPeerThatSaysNothingTimesOutAtTheHandshakeDeadline() {
        ConnectionSettings impatient = new ConnectionSettings(Role.RECEIVER, "txrx-test/1",
                Duration.ofMillis(300), Duration.ofSeconds(5), FrameReader.MIN_BUFFER_SIZE, false);
        Ended<String> ended = run(impatient, conversation(c -> "never"));
        assertThat(ended.failure()).isInstanceOfSatisfying(Failure.ConnectionLost.class, lost -> {
            assertThat(lost.how()).isEqualTo(Failure.ConnectionLost.How.TIMED_OUT);
            assertThat(lost.reason()).isEqualTo("timed out after 300ms waiting for the HELLO of 127.0.0.1:1");
        });
    }

    @Test
    void aSendingPeerWaitsForTheHelloAndTheRequestWithinTheDeadline() throws IOException {
        ConnectionSettings sending = new ConnectionSettings(Role.SENDER, "txrx-test/1",
                Duration.ofMillis(300), Duration.ofSeconds(5), FrameReader.MIN_BUFFER_SIZE, true);
        new FrameWriter(theirs).write(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "peer/1"));
        Ended<String> ended = run(sending, conversation(c -> c.read(Frame.Request.class, "REQUEST").toString()));
        assertThat(ended.failure()).isInstanceOfSatisfying(Failure.ConnectionLost.class,
                lost -> assertThat(lost.reason()).isEqualTo(
                        "timed out after 300ms waiting for HELLO and REQUEST from 127.0.0.1:1"));
    }

    @Test
    void cancellingFromAnotherThreadEndsTheConversationAsCancelled() throws Exception {
        peerSaysHello();
        PeerConnection connection = new PeerConnection(ours, "127.0.0.1:1", RECEIVING, watchdog);
        CountDownLatch reading = new CountDownLatch(1);
        AtomicReference<Ended<String>> ended = new AtomicReference<>();
        Thread runner = new Thread(() -> ended.set(connection.run(conversation(c -> {
            reading.countDown();
            return c.read(Frame.Text.class, "TEXT").text();
        }))));
        runner.start();
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        connection.cancel();
        runner.join(5000);
        assertThat(ended.get().failure()).isEqualTo(new Failure.Cancelled());
        assertThat(ended.get().result()).isEqualTo("failed: interrupted");
    }

    @Test
    void theConversationIsEndedOnceAndTheSocketClosedWhateverHappens() throws IOException {
        peerSaysHello();
        int[] ends = new int[1];
        Ended<String> ended = run(new Conversation<>() {
            @Override
            public String converse(PeerConnection connection) throws IOException {
                throw new ProtocolException("bad");
            }

            @Override
            public String failed(Failure failure) {
                return failure.message();
            }

            @Override
            public void end() {
                ends[0]++;
            }
        });
        assertThat(ended.result()).isEqualTo("protocol error: bad");
        assertThat(ends[0]).isEqualTo(1);
        assertThat(ours.isOpen()).isFalse();
    }
}
