package dev.txrx.sender;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ProtocolException;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver's trickle stream: this thread writes bursts of random printable characters at
 * random pauses while a listener thread reads the receiver's STATS_REQUEST and LEAVE frames.
 * A STATS answer and the count it reports are taken under one lock with the TEXT writes, so the
 * count covers exactly the TEXT frames before the STATS in the stream.
 */
final class TrickleStream {

    private static final Logger log = LoggerFactory.getLogger(TrickleStream.class);
    private static final char FIRST_PRINTABLE = '!';
    private static final char LAST_PRINTABLE = '~';
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Why the stream ended. */
    enum End { RECEIVER_LEFT, RECEIVER_GONE, STOPPED }

    private final String peer;
    private final TrickleSettings settings;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Object counting = new Object();
    private long sinceLastStats;
    private long total;
    private volatile End end;
    private volatile IOException listenerFailure;

    TrickleStream(String peer, TrickleSettings settings, FrameReader reader, FrameWriter writer) {
        this.peer = peer;
        this.settings = settings;
        this.reader = reader;
        this.writer = writer;
    }

    /** Symbols sent so far. */
    long total() {
        synchronized (counting) {
            return total;
        }
    }

    /**
     * Streams until the receiver leaves or goes away, or {@code stopped} says to stop.
     *
     * @return why it ended
     */
    End run(java.util.function.BooleanSupplier stopped) throws IOException, InterruptedException {
        Thread listener = new Thread(this::listen, "trickle-listener-" + peer);
        listener.setDaemon(true);
        listener.start();
        SplittableRandom random = new SplittableRandom();
        try {
            while (end == null) {
                long pause = between(random, settings.minPause().toNanos(), settings.maxPause().toNanos());
                long due = System.nanoTime() + pause;
                while (end == null && System.nanoTime() - due < 0) {
                    if (stopped.getAsBoolean()) {
                        return End.STOPPED;
                    }
                    TimeUnit.NANOSECONDS.sleep(Math.min(STOP_CHECK_NANOS, due - System.nanoTime()));
                }
                if (end != null || stopped.getAsBoolean()) {
                    break;
                }
                String burst = burst(random, (int) between(random, settings.minBurst(), settings.maxBurst()));
                synchronized (counting) {
                    writer.write(new Frame.Text(burst));
                    sinceLastStats += burst.length();
                    total += burst.length();
                }
                log.debug("receiver {}: sent {} symbols", peer, burst.length());
            }
        } catch (IOException e) {
            if (end == null) {
                throw e;
            }
        }
        // The listener is not interrupted: that would close the channel before a final
        // SESSION_END could go out. It ends when the session closes the connection.
        if (listenerFailure != null) {
            throw listenerFailure;
        }
        return end != null ? end : End.STOPPED;
    }

    /** Reads the receiver's requests until it leaves or the connection ends. */
    private void listen() {
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
                        log.info("receiver {} asked for statistics: {} symbols since the last request, {} in all",
                                peer, sinceLastStats, total);
                        sinceLastStats = 0;
                    }
                } else if (frame instanceof Frame.Leave) {
                    end = End.RECEIVER_LEFT;
                    return;
                } else {
                    throw new ProtocolException("unexpected " + frame.getClass().getSimpleName() + " in a trickle stream");
                }
            }
        } catch (IOException e) {
            listenerFailure = e;
            end = End.RECEIVER_GONE;
        }
    }

    private static String burst(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(FIRST_PRINTABLE, LAST_PRINTABLE + 1));
        }
        return text.toString();
    }

    private static long between(SplittableRandom random, long min, long max) {
        return min == max ? min : random.nextLong(min, max + 1);
    }
}
