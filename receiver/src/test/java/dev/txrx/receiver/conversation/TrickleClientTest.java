package dev.txrx.receiver.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trickle client tells its listener what arrives, in order, and prints nothing itself. */
class TrickleClientTest {

    private final List<String> heard = new ArrayList<>();
    private final ByteArrayOutputStream toSender = new ByteArrayOutputStream();
    private final TrickleListener listener = new TrickleListener() {
        @Override
        public void started(TrickleControls controls) {
            heard.add("started");
        }

        @Override
        public void text(String text) {
            heard.add("text " + text);
        }

        @Override
        public void statistics(long received, long sent, long total) {
            heard.add("statistics " + received + "/" + sent + "/" + total);
        }

        @Override
        public void ended(String why) {
            heard.add("ended " + why);
        }

        @Override
        public void stopped() {
            heard.add("stopped");
        }
    };

    @Test
    void theListenerHearsTheStreamInOrderWithTheReceiversOwnCountNextToTheSenders() throws IOException {
        TrickleClient client = new TrickleClient(listener);

        TrickleResult result = client.follow(new Frame.Text("abc"), stream(new Frame.Text("de"), new Frame.Stats(5, 5),
                new Frame.Text("f"), new Frame.Stats(2, 7), end("done")), writer());

        assertThat(heard).containsExactly("started", "text abc", "text de", "statistics 5/5/5", "text f",
                "statistics 1/2/7", "ended the sender ended the stream: done", "stopped");
        assertThat(result).isEqualTo(new TrickleResult(6, 2, false, "the sender ended the stream: done"));
    }

    @Test
    void aStreamLeftEndsWhenTheSenderClosesAndNothingFollowsTheLeave() throws IOException {
        // the controls act as soon as the stream starts: the close that follows is the end asked for
        TrickleClient leaving = new TrickleClient(new TrickleListener() {
            @Override
            public void started(TrickleControls controls) {
                controls.requestStats();
                controls.leave();
                controls.requestStats();
            }

            @Override
            public void text(String text) {
            }

            @Override
            public void statistics(long received, long sent, long total) {
            }

            @Override
            public void ended(String why) {
            }

            @Override
            public void stopped() {
            }
        });
        assertThat(leaving.follow(new Frame.Text("xy"), stream(), writer())).isEqualTo(new TrickleResult(2, 0, true, null));
        assertThat(sent()).containsExactly(new Frame.StatsRequest(), new Frame.Leave());
    }

    /** U+1F600 is two UTF-16 units in Java, and one symbol; a sender counting code points agrees. */
    @Test
    void symbolsAreCountedAsUnicodeCodePointsSoAnEmojiCountsOnce() throws IOException {
        TrickleClient client = new TrickleClient(listener);

        TrickleResult result = client.follow(new Frame.Text("a\uD83D\uDE00"), stream(new Frame.Text("\u00e9\uD83D\uDE00"),
                new Frame.Stats(4, 4), end("done")), writer());

        assertThat(heard).contains("statistics 4/4/4");
        assertThat(result.symbols()).isEqualTo(4);
    }

    @Test
    void aSenderThatClosesWithoutBeingLeftCutsTheStreamShortAndTheResultComesFromFailed() throws IOException {
        TrickleClient client = new TrickleClient(listener);

        assertThatThrownBy(() -> client.follow(new Frame.Text("abc"), stream(), writer()))
                .isInstanceOf(EOFException.class).hasMessage("sender closed the stream");
        assertThat(heard).as("not stopped before its result is made").doesNotContain("stopped");

        assertThat(client.failed("incomplete session: sender closed the stream"))
                .isEqualTo(new TrickleResult(3, 0, false, "incomplete session: sender closed the stream"));
        assertThat(heard).endsWith("stopped");
    }

    @Test
    void anotherFrameInTheStreamBreaksTheProtocolByItsName() {
        TrickleClient client = new TrickleClient(listener);

        assertThatThrownBy(() -> client.follow(new Frame.Text("abc"), stream(new Frame.Leave()), writer()))
                .isInstanceOf(ProtocolException.class).hasMessage("unexpected LEAVE in a trickle stream");
    }

    /** Nothing is sent before the stream has started. */
    @Test
    void controlsDoNothingBeforeTheStreamStarts() throws IOException {
        TrickleClient client = new TrickleClient(listener);

        client.requestStats();
        client.leave();

        assertThat(toSender.size()).isZero();
    }

    private FrameWriter writer() {
        return new FrameWriter(Channels.newChannel(toSender));
    }

    private List<Frame> sent() throws IOException {
        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(toSender.toByteArray())));
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
            frames.add(frame);
        }
        return frames;
    }

    private static FrameReader stream(Frame... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Channels.newChannel(bytes));
        for (Frame frame : frames) {
            writer.write(frame);
        }
        return new FrameReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())));
    }

    private static Frame.SessionEnd end(String reason) {
        return new Frame.SessionEnd(SessionStatus.ABORTED, 0, 0, new SessionDigest().digest(), reason);
    }
}
