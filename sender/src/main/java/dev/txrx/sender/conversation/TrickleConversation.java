package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.text.Counts;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.PeerLog;
import dev.txrx.common.transport.Threads;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 003's stream, the answer to REQUEST FILES from a sender started with {@code --trickle}.
 * The receiver cannot know that it asked a trickling sender, so its REQUEST FILES comes with a
 * RESUME and HAVE frames as any does: they are read first, and have no meaning here. Then this
 * thread writes bursts of random printable characters at random pauses while a listener
 * thread of its own reads the receiver's STATS_REQUEST and LEAVE frames, until the receiver leaves
 * or goes away, or the conversation is asked to stop (then SESSION_END ABORTED says why). A STATS
 * answer and the count it reports are taken under one lock with the TEXT writes, so the count
 * covers exactly the TEXT frames before the STATS in the stream.
 */
final class TrickleConversation implements Conversation<SessionOutcome> {

    private static final Logger log = LoggerFactory.getLogger(TrickleConversation.class);
    private static final char FIRST_PRINTABLE = '!';
    private static final char LAST_PRINTABLE = '~';
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Why the stream ended. */
    private enum End { RECEIVER_LEFT, RECEIVER_GONE, STOPPED }

    private final TrickleSettings settings;
    private final Requester requester;
    private final HaveBudget.Account haves;
    private final Object counting = new Object();
    private long sinceLastStats;
    private long total;
    private volatile End end;
    private volatile IOException listenerFailure;

    /** The stream {@code settings} describe, to {@code requester}, whose HAVE frames are charged to {@code haves}. */
    TrickleConversation(TrickleSettings settings, Requester requester, HaveBudget.Account haves) {
        this.settings = settings;
        this.requester = requester;
        this.haves = haves;
    }

    @Override
    public SessionOutcome converse(PeerConnection connection) throws IOException, InterruptedException {
        // a stream resumes nothing: what the RESUME asks for is read, under the idle timeout, and dropped
        ResumeRequest.read(connection.reader(), RequestKind.FILES, haves);
        // The receiver may stay silent for as long as it likes; one that stops reading is dropped
        // when a write stalls for the idle timeout or falls below the minimum rate.
        connection.expectStreaming("streaming text to " + requester.peer());
        switch (stream(connection.reader(), connection.writer(), connection.log())) {
            case RECEIVER_LEFT -> {
                log.info("receiver {} left the stream after {} symbols", requester.peer(), total());
                return outcome("; the receiver left", null);
            }
            case RECEIVER_GONE -> {
                log.warn("receiver {} went away from the stream after {} symbols", requester.peer(), total());
                return outcome("", "the receiver went away without leaving");
            }
            default -> {
                connection.writer().write(new Frame.SessionEnd(SessionStatus.ABORTED, 0, 0,
                        new SessionDigest().digest(), requester.stop().reason()));
                return outcome("", requester.stop().reason());
            }
        }
    }

    @Override
    public SessionOutcome failed(Failure failure) {
        return outcome("", failure.message());
    }

    private SessionOutcome outcome(String how, String problem) {
        return SessionOutcome.ofActivity(requester, "streamed " + Counts.of(total(), "symbol") + how, problem);
    }

    /** Symbols sent so far. */
    private long total() {
        synchronized (counting) {
            return total;
        }
    }

    /**
     * Streams until the receiver leaves or goes away, or the conversation is asked to stop.
     *
     * @return why it ended
     */
    private End stream(FrameReader reader, FrameWriter writer, PeerLog peerLog)
            throws IOException, InterruptedException {
        Thread listener = Threads.task("trickle-listener-" + requester.peer(), () -> listen(reader, writer, peerLog));
        listener.start();
        SplittableRandom random = new SplittableRandom();
        try {
            while (end == null) {
                long pause = between(random, settings.minPause().toNanos(), settings.maxPause().toNanos());
                long due = System.nanoTime() + pause;
                while (end == null && System.nanoTime() - due < 0) {
                    if (requester.stop().requested()) {
                        return End.STOPPED;
                    }
                    TimeUnit.NANOSECONDS.sleep(Math.min(STOP_CHECK_NANOS, due - System.nanoTime()));
                }
                if (end != null || requester.stop().requested()) {
                    break;
                }
                Frame.Text burst = burst(random, (int) between(random, settings.minBurst(), settings.maxBurst()));
                synchronized (counting) {
                    writer.write(burst);
                    sinceLastStats += burst.symbols();
                    total += burst.symbols();
                }
                log.debug("receiver {}: sent {} symbols", requester.peer(), burst.symbols());
            }
        } catch (IOException e) {
            if (end == null) {
                throw e;
            }
        }
        // The listener is not interrupted: that would close the channel before a final
        // SESSION_END could go out. It ends when the connection closes, after this conversation.
        if (listenerFailure != null) {
            throw listenerFailure;
        }
        return end != null ? end : End.STOPPED;
    }

    /** Reads the receiver's requests until it leaves or the connection ends. */
    private void listen(FrameReader reader, FrameWriter writer, PeerLog peerLog) {
        try {
            while (true) {
                Frame frame = reader.next();
                if (frame == null) {
                    end = End.RECEIVER_GONE;
                    return;
                }
                if (frame instanceof Frame.StatsRequest) {
                    synchronized (counting) {
                        writer.write(new Frame.Stats(sinceLastStats, total));
                        // one line per request: through the connection's gate, so a flood cannot fill the log
                        peerLog.info(log, "receiver {} asked for statistics: {} symbols since the last request, {} in all",
                                requester.peer(), sinceLastStats, total);
                        sinceLastStats = 0;
                    }
                } else if (frame instanceof Frame.Leave) {
                    end = End.RECEIVER_LEFT;
                    return;
                } else {
                    throw new ProtocolException("unexpected " + frame.type().name() + " in a trickle stream");
                }
            }
        } catch (IOException e) {
            listenerFailure = e;
            end = End.RECEIVER_GONE;
        }
    }

    private static Frame.Text burst(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(FIRST_PRINTABLE, LAST_PRINTABLE + 1));
        }
        return new Frame.Text(text.toString());
    }

    private static long between(SplittableRandom random, long min, long max) {
        return min == max ? min : random.nextLong(min, max + 1);
    }
}
