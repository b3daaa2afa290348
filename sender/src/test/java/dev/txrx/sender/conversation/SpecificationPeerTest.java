package dev.txrx.sender.conversation;

import dev.txrx.common.transport.ConnectionSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameType;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.transport.Ended;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.content.GeneratedContent;
import dev.txrx.sender.content.GeneratorSettings;
import dev.txrx.sender.content.LocalTree;
import dev.txrx.sender.content.StandardInput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender, over a real loopback connection, against a receiving peer written from
 * {@code docs/PROTOCOL.md} alone: the test sends exactly the frames the flows of section 6 show,
 * and checks that the sender answers as they show; a peer that strays is told with an ERROR.
 */
@Timeout(20)
class SpecificationPeerTest {

    private static final String PEER = "127.0.0.1:9";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ConnectionSettings SENDING = new ConnectionSettings(Role.SENDER, "txrx-test/1",
            TIMEOUT, TIMEOUT, FrameReader.MIN_BUFFER_SIZE, true);
    private static final Frame.Resume NEW_SESSION = new Frame.Resume(new UUID(0, 0), 0);
    private static final TrickleSettings QUICK_TRICKLE = new TrickleSettings(1, 8, Duration.ofMillis(5),
            Duration.ofMillis(20));

    @TempDir
    Path dir;

    private ServerSocketChannel listener;
    private SocketChannel senderSide;
    private SocketChannel peerSide;
    private StallWatchdog watchdog;
    private FrameReader fromSender;
    private FrameWriter toSender;
    private ContentSource content;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peerSide = SocketChannel.open(listener.getLocalAddress());
        senderSide = listener.accept();
        watchdog = new StallWatchdog();
        fromSender = new FrameReader(peerSide);
        toSender = new FrameWriter(peerSide);
    }

    @AfterEach
    void close() throws IOException {
        watchdog.close();
        peerSide.close();
        senderSide.close();
        listener.close();
        if (content != null) {
            content.close();
        }
    }

    /** Runs the sender's side of the connection on a thread of its own. */
    private CompletableFuture<Ended<SessionOutcome>> serve(ContentSource served, TrickleSettings trickle) {
        content = served;
        Offer offer = new Offer(served, new SessionRegistry(), null, 0, trickle);
        return CompletableFuture.supplyAsync(
                () -> new PeerConnection(senderSide, PEER, SENDING, watchdog).run(new RequestDispatcher(offer, PEER)));
    }

    private static ContentSource generated(int files, long size) {
        return GeneratedContent.inMemory(new GeneratorSettings(files, size, size, Duration.ZERO, Duration.ZERO));
    }

    /** The handshake as a receiving peer: our HELLO, then the sender's. */
    private void hello() throws IOException {
        toSender.write(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "spec-peer/1"));
        assertThat(fromSender.readHello().role()).isEqualTo(Role.SENDER);
    }

    /** The frames the sender sends until it closes, FILE_DATA pieces of one frame joined. */
    private List<Frame> framesUntilClosed() throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = fromSender.next(); frame != null; frame = fromSender.next()) {
            frames.add(frame);
        }
        return frames;
    }

    private static Ended<SessionOutcome> ended(CompletableFuture<Ended<SessionOutcome>> serving) throws Exception {
        return serving.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTrickleStreamGivesTextAndStatisticsToAPeerThatFollowsTheSpecification() throws Exception {
        CompletableFuture<Ended<SessionOutcome>> serving = serve(generated(1, 1), QUICK_TRICKLE);
        hello();
        // a receiving peer cannot tell a trickling sender from one with files: FILES is followed by RESUME
        toSender.write(new Frame.Request(RequestKind.FILES));
        toSender.write(NEW_SESSION);

        Frame first = fromSender.next();
        assertThat(first).isInstanceOf(Frame.Text.class);
        long symbols = ((Frame.Text) first).symbols();
        toSender.write(new Frame.StatsRequest());
        Frame next;
        while ((next = fromSender.next()) instanceof Frame.Text text) {
            symbols += text.symbols();
        }
        assertThat(next).as("the answer to STATS_REQUEST counts every TEXT before it")
                .isEqualTo(new Frame.Stats(symbols, symbols));
        toSender.write(new Frame.Leave());

        assertThat(framesUntilClosed()).allMatch(Frame.Text.class::isInstance);
        SessionOutcome outcome = ended(serving).result();
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.activity()).endsWith("; the receiver left");
    }

    @Test
    void aTrickleSenderTellsAPeerThatSkipsTheResumeWhatItExpected() throws Exception {
        CompletableFuture<Ended<SessionOutcome>> serving = serve(generated(1, 1), QUICK_TRICKLE);
        hello();
        toSender.write(new Frame.Request(RequestKind.FILES));
        toSender.write(new Frame.StatsRequest());

        assertThat(framesUntilClosed()).containsExactly(new Frame.Error(ErrorCode.PROTOCOL_VIOLATION,
                "expected RESUME after REQUEST FILES, got STATS_REQUEST"));
        assertThat(ended(serving).result().succeeded()).isFalse();
    }

    @Test
    void aHaveFrameShortOfWhatTheResumeAnnouncedIsAProtocolError() throws Exception {
        CompletableFuture<Ended<SessionOutcome>> serving = serve(generated(1, 1), null);
        hello();
        toSender.write(new Frame.Request(RequestKind.FILES));
        toSender.write(new Frame.Resume(UUID.randomUUID(), 2));
        toSender.write(new Frame.Have(1, 1, 0, 1, 0, "file_1.bits"));
        toSender.write(new Frame.SessionConfirm(true, 0, 0, new SessionDigest().digest()));

        assertThat(framesUntilClosed()).containsExactly(new Frame.Error(ErrorCode.PROTOCOL_VIOLATION,
                "expected HAVE 2 of the 2 that RESUME announced, got SESSION_CONFIRM"));
        ended(serving);
    }

    /** The peer is told before it sends anything after the REQUEST, so even one that never sends RESUME hears it. */
    @Test
    void aGeneratingSenderRefusesGetByNameAtOnceBeforeTheResume() throws Exception {
        CompletableFuture<Ended<SessionOutcome>> serving = serve(generated(1, 1), null);
        hello();
        toSender.write(new Frame.Request(RequestKind.GET, List.of("file_1.bits")));

        assertThat(fromSender.next()).isEqualTo(new Frame.Error(ErrorCode.UNSUPPORTED_REQUEST,
                RequestDispatcher.GENERATED_HAS_NO_CATALOGUE));
        // what a peer sends without waiting for the answer is read and dropped, not left to reset the connection
        toSender.write(NEW_SESSION);
        peerSide.shutdownOutput();
        assertThat(framesUntilClosed()).isEmpty();
        SessionOutcome refused = ended(serving).result();
        assertThat(refused.refused()).as("a refused request is no session").isTrue();
        assertThat(refused.activity()).isEqualTo("refused REQUEST GET");
        assertThat(refused.problem()).isEqualTo(RequestDispatcher.GENERATED_HAS_NO_CATALOGUE);
    }

    @Test
    void aTrickleSenderRefusesGetAtOnceBeforeTheResume() throws Exception {
        CompletableFuture<Ended<SessionOutcome>> serving = serve(generated(1, 1), QUICK_TRICKLE);
        hello();
        toSender.write(new Frame.Request(RequestKind.GET));

        assertThat(fromSender.next()).isEqualTo(new Frame.Error(ErrorCode.UNSUPPORTED_REQUEST,
                RequestDispatcher.TRICKLE_HAS_NO_FILES));
        peerSide.shutdownOutput();
        assertThat(framesUntilClosed()).isEmpty();
        ended(serving);
    }

    /**
     * The FILES flow as section 6 draws it: RESUME for a new session, then SESSION_START, the
     * directory, each file (the empty one with no FILE_DATA), SESSION_END, and the confirmation.
     */
    @Test
    void aTreeIsSentAsTheFilesFlowShowsAndAnEmptyFileHasNoFileData() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "hello");
        Files.write(tree.resolve("empty"), new byte[0]);
        CompletableFuture<Ended<SessionOutcome>> serving = serve(new LocalTree(List.of(tree), 1), null);
        hello();
        toSender.write(new Frame.Request(RequestKind.FILES));
        toSender.write(NEW_SESSION);

        List<Frame> frames = new ArrayList<>();
        SessionDigest digest = new SessionDigest();
        Frame.FileStart open = null;
        for (Frame frame = fromSender.next(); !(frame instanceof Frame.SessionEnd); frame = fromSender.next()) {
            frames.add(frame);
            if (frame instanceof Frame.FileStart start) {
                open = start;
            } else if (frame instanceof Frame.FileEnd end) {
                digest.add(open.id(), open.size(), end.crc32c(), open.name());
            }
        }
        toSender.write(new Frame.SessionConfirm(true, digest.files(), digest.bytes(), digest.digest()));

        assertThat(frames).extracting(Frame::type).containsExactly(FrameType.SESSION_START, FrameType.DIRECTORY,
                FrameType.FILE_START, FrameType.FILE_DATA, FrameType.FILE_END, FrameType.FILE_START,
                FrameType.FILE_END);
        assertThat(((Frame.SessionStart) frames.get(0)).resumed()).isFalse();
        assertThat(((Frame.FileStart) frames.get(5)).name()).isEqualTo("tree/empty");
        assertThat(framesUntilClosed()).isEmpty();
        SessionOutcome outcome = ended(serving).result();
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    }

    /**
     * A stream as "Streams of unknown size" says: SESSION_START with bytes unknown, FILE_START of
     * unknown size at offset 0, its data, and FILE_END with the size and the CRC32C of all of it.
     */
    @Test
    void standardInputIsSentAsAFileOfUnknownSizeWhoseFileEndGivesTheSize() throws Exception {
        byte[] bytes = new byte[3_000_000];
        new java.util.Random(3).nextBytes(bytes);
        CompletableFuture<Ended<SessionOutcome>> serving = serve(new StandardInput("dump",
                java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), null), null);
        hello();
        toSender.write(new Frame.Request(RequestKind.FILES));
        toSender.write(NEW_SESSION);

        Frame.SessionStart start = (Frame.SessionStart) fromSender.next();
        assertThat(start.files()).isEqualTo(1);
        assertThat(start.bytes()).isEqualTo(Frame.SessionStart.UNKNOWN);
        Frame.FileStart file = (Frame.FileStart) fromSender.next();
        assertThat(file.sizeKnown()).isFalse();
        assertThat(file.offset()).isZero();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long arrived = 0;
        Frame frame;
        while ((frame = fromSender.next()) instanceof Frame.FileData data) {
            arrived += data.data().remaining();
            crc.update(data.data());
        }
        Frame.FileEnd end = (Frame.FileEnd) frame;
        assertThat(end.size()).isEqualTo(bytes.length).isEqualTo(arrived);
        assertThat(end.crc32c()).isEqualTo((int) crc.getValue());
        SessionDigest digest = new SessionDigest();
        digest.add(file.id(), arrived, end.crc32c(), "dump");
        assertThat(fromSender.next()).isInstanceOf(Frame.SessionEnd.class)
                .isEqualTo(new Frame.SessionEnd(dev.txrx.common.protocol.SessionStatus.COMPLETE, 1, bytes.length,
                        digest.digest(), ""));
        toSender.write(new Frame.SessionConfirm(true, 1, bytes.length, digest.digest()));
        assertThat(ended(serving).result().succeeded()).isTrue();
    }

    /** Version 2 has no file of unknown size: such a receiver is refused with the specification's words. */
    @Test
    void aReceiverOfVersion2IsRefusedTheStream() throws Exception {
        CompletableFuture<Ended<SessionOutcome>> serving = serve(new StandardInput("stdin",
                java.nio.channels.Channels.newChannel(java.io.InputStream.nullInputStream()), null), null);
        toSender.write(new Frame.Hello(FrameFormat.MIN_VERSION, Role.RECEIVER, "old-peer/1"));
        fromSender.readHello();
        toSender.write(new Frame.Request(RequestKind.FILES));

        assertThat(fromSender.next()).isEqualTo(new Frame.Error(ErrorCode.UNSUPPORTED_REQUEST,
                "this sender streams its standard input, a file of unknown size, which protocol version 2 cannot "
                        + "carry; upgrade the receiver"));
        peerSide.shutdownOutput();
        assertThat(ended(serving).result().refused()).isTrue();
        assertThat(content.spent()).as("still there for a receiver that can carry it").isFalse();
    }
}
