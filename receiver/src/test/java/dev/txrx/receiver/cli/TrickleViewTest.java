package dev.txrx.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.receiver.conversation.TrickleClient;
import dev.txrx.receiver.conversation.TrickleResult;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The trickle view and its keys, as the command line wires them to a trickle client, against a
 * scripted key source, over two in-memory pipes: the test plays the sender, writing TEXT and STATS
 * frames and reading the bytes the keys put on the wire.
 */
@Timeout(10)
class TrickleViewTest {

    /** STATS_REQUEST as {@code docs/PROTOCOL.md} draws it: length 0, type 0x40. */
    private static final byte[] STATS_REQUEST = HexFormat.of().parseHex("0000000040");
    /** LEAVE: length 0, type 0x22. */
    private static final byte[] LEAVE = HexFormat.of().parseHex("0000000022");

    private final StringWriter shown = new StringWriter();
    private final ScriptedKeys keys = ScriptedKeys.pressedByTest();
    private Pipe toReceiver;
    private Pipe toSender;
    /** The test's side: what the sender writes. */
    private FrameWriter sender;
    private FutureTask<TrickleResult> viewing;

    @BeforeEach
    void openPipes() throws IOException {
        toReceiver = Pipe.open();
        toSender = Pipe.open();
        sender = new FrameWriter(toReceiver.sink());
    }

    @AfterEach
    void closePipes() throws IOException {
        toReceiver.sink().close();
        toReceiver.source().close();
        toSender.sink().close();
        toSender.source().close();
    }

    @Test
    void statsKeyPutsStatsRequestOnTheWire() throws Exception {
        view(false, null, new Frame.Text("abc"));

        keys.press('s');

        assertThat(wire(STATS_REQUEST.length)).isEqualTo(STATS_REQUEST);
        assertThat(shown()).startsWith(TrickleView.HINT + System.lineSeparator());
    }

    @Test
    void statsAnswerIsPrintedWithBothCountsAndResetsTheReceiversCount() throws Exception {
        view(false, null, new Frame.Text("abc"));
        sender.write(new Frame.Text("de"));
        sender.write(new Frame.Stats(5, 5));
        sender.write(new Frame.Text("fgh"));
        sender.write(new Frame.Stats(3, 8));
        awaitShown("(8 in all)");
        sender.write(new Frame.Text("ij"));
        toReceiver.sink().close();

        assertThatThrownBy(this::totals).hasCauseInstanceOf(EOFException.class)
                .hasMessageContaining("sender closed the stream");
        assertThat(shown()).isEqualTo(lines(TrickleView.HINT,
                "abcde",
                "statistics: 5 symbols received since the last request; the sender reports 5 sent (5 in all)",
                "fgh",
                "statistics: 3 symbols received since the last request; the sender reports 3 sent (8 in all)")
                + "ij");
    }

    @Test
    void statsAnswerShowsTheReceiversOwnCountNextToTheSendersWhenTheyDiffer() throws Exception {
        view(false, null, new Frame.Text("abcd"));
        sender.write(new Frame.Stats(7, 9));
        awaitShown("in all)");

        assertThat(TrickleOutput.statistics(shown())).containsExactly(new TrickleOutput.Statistics(4, 7, 9));
    }

    @Test
    void quitKeyPutsLeaveOnTheWireAndTheStreamEndsAsLeftWhenTheSenderCloses() throws Exception {
        view(false, null, new Frame.Text("abc"));
        sender.write(new Frame.Stats(3, 3));
        awaitShown("(3 in all)");

        keys.press('q');
        assertThat(wire(LEAVE.length)).isEqualTo(LEAVE);
        // Text already on its way when the sender reads LEAVE still counts.
        sender.write(new Frame.Text("de"));
        toReceiver.sink().close();

        assertThat(totals()).isEqualTo(new TrickleResult(5, 1, true, null));
        assertThat(shown()).endsWith("de" + System.lineSeparator());
    }

    @Test
    void keysAfterQuitSendNothing() throws Exception {
        view(false, null, new Frame.Text("abc"));

        keys.press('Q');
        keys.press('s');
        keys.press('q');
        assertThat(wire(LEAVE.length)).isEqualTo(LEAVE);
        toReceiver.sink().close();

        assertThat(totals().left()).isTrue();
        assertThat(keys.unread()).as("no key is read after 'Q'").isEqualTo(2);
        assertThat(pendingOnWire()).as("nothing follows LEAVE").isZero();
    }

    @Test
    void unknownKeysAreIgnored() throws Exception {
        view(false, null, new Frame.Text("abc"));

        for (char key : new char[] {'x', '?', ' ', '\r', '\n', '1', 'Z', 3}) {
            keys.press(key);
        }
        keys.press('S');

        assertThat(wire(STATS_REQUEST.length)).as("the first frame on the wire is the STATS_REQUEST of 'S'")
                .isEqualTo(STATS_REQUEST);
        sender.write(new Frame.Text("de"));
        toReceiver.sink().close();
        assertThatThrownBy(this::totals).hasCauseInstanceOf(EOFException.class);
        assertThat(pendingOnWire()).isZero();
        assertThat(shown()).isEqualTo(lines(TrickleView.HINT) + "abcde");
    }

    @Test
    void endOfKeysDoesNotQuit() throws Exception {
        view(false, null, new Frame.Text("abc"));

        keys.end();
        keys.awaitEnded();
        sender.write(new Frame.Text("de"));
        sender.write(new Frame.SessionEnd(SessionStatus.ABORTED, 0, 0, new SessionDigest().digest(), "done here"));

        assertThat(totals()).isEqualTo(new TrickleResult(5, 0, false, "the sender ended the stream: done here"));
        assertThat(pendingOnWire()).as("no LEAVE").isZero();
        assertThat(shown()).isEqualTo(lines(TrickleView.HINT, "abcde", "the sender ended the stream: done here"));
    }

    @Test
    void statsIntervalAsksWithoutAKey() throws Exception {
        view(false, Duration.ofMillis(20), new Frame.Text("abc"));

        assertThat(wire(2 * STATS_REQUEST.length)).isEqualTo(HexFormat.of().parseHex("00000000400000000040"));
        keys.press('q');
        FrameReader fromReceiver = new FrameReader(toSender.source());
        Frame frame;
        do {
            frame = fromReceiver.next();
        } while (frame instanceof Frame.StatsRequest);
        assertThat(frame).isEqualTo(new Frame.Leave());
        toReceiver.sink().close();
        assertThat(totals().left()).isTrue();
    }

    @Test
    void verboseShowsOneLineWithTimeAndSizePerBurst() throws Exception {
        view(true, null, new Frame.Text("abc"));
        sender.write(new Frame.Text("de"));
        sender.write(new Frame.Stats(5, 5));
        sender.write(new Frame.Text("f"));
        toReceiver.sink().close();
        assertThatThrownBy(this::totals).hasCauseInstanceOf(EOFException.class);

        String[] lines = shown().split(System.lineSeparator());
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo(TrickleView.HINT);
        assertThat(lines[1]).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}  3 symbols: abc");
        assertThat(lines[2]).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}  2 symbols: de");
        assertThat(lines[3]).startsWith("statistics: 5 symbols");
        assertThat(lines[4]).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}  1 symbol: f");
    }

    @Test
    void controlCharactersFromTheSenderAreShownEscapedAndCountedAsSent() throws Exception {
        view(false, null, new Frame.Text("a\u001b[2Jb"));
        sender.write(new Frame.Stats(6, 6));
        awaitShown("in all)");

        assertThat(shown()).contains("a\\x1b[2Jb").doesNotContain("\u001b");
        assertThat(TrickleOutput.statistics(shown())).containsExactly(new TrickleOutput.Statistics(6, 6, 6));
    }

    /** Starts the view as the receiving session does, once {@code first} has arrived. */
    private void view(boolean verbose, Duration statsInterval, Frame first) {
        TrickleView view = new TrickleView(new PrintWriter(shown, true), verbose, new TrickleKeys(keys, statsInterval));
        TrickleClient client = new TrickleClient(view);
        FrameReader reader = new FrameReader(toReceiver.source());
        FrameWriter writer = new FrameWriter(toSender.sink());
        viewing = new FutureTask<>(() -> client.follow(first, reader, writer));
        Thread thread = new Thread(viewing, "trickle-view");
        thread.setDaemon(true);
        thread.start();
    }

    private TrickleResult totals() throws InterruptedException, ExecutionException, TimeoutException {
        return viewing.get(5, TimeUnit.SECONDS);
    }

    /** Reads exactly {@code n} bytes that the view wrote to the sender. */
    private byte[] wire(int n) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(n);
        while (bytes.hasRemaining()) {
            if (toSender.source().read(bytes) < 0) {
                throw new EOFException("the view closed its side after " + bytes.position() + " bytes");
            }
        }
        return bytes.array();
    }

    /** Bytes the view wrote that nobody has read yet. */
    private int pendingOnWire() throws IOException {
        toSender.source().configureBlocking(false);
        return Math.max(0, toSender.source().read(ByteBuffer.allocate(64)));
    }

    private void awaitShown(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!shown().contains(text)) {
            assertThat(System.nanoTime()).as("'%s' shown; so far:%n%s", text, shown()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private String shown() {
        return shown.toString();
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
