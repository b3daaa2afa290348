package dev.txrx.receiver;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.PeerErrorException;
import dev.txrx.common.text.Printable;
import dev.txrx.common.protocol.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 003's client: prints a trickle stream as it arrives and acts on keys. {@code s} asks
 * the sender for its count over the protocol; when the answer arrives, it is printed next to
 * the receiver's own count of the symbols that arrived before it, and both counts start again
 * from zero. Because the answer travels in the same stream after the text it counts, the two
 * numbers are always equal unless a frame was lost. {@code q} tells the sender it is leaving.
 */
public final class TrickleView {

    /** What the stream delivered. */
    record Totals(long symbols, int statistics, boolean left) {
    }

    /** The key hint printed when the stream starts. */
    public static final String HINT = "Press 's' for statistics or 'q' to quit.";

    private static final Logger log = LoggerFactory.getLogger(TrickleView.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintWriter out;
    private final boolean verbose;
    private final KeySource keys;
    private final Duration statsInterval;
    private long symbols;
    private long sinceStats;
    private int statistics;
    private boolean atLineStart = true;
    private volatile boolean leaving;
    private String endedBecause = "the sender ended the stream";

    TrickleView(PrintWriter out, boolean verbose, KeySource keys, Duration statsInterval) {
        this.out = out;
        this.verbose = verbose;
        this.keys = keys;
        this.statsInterval = statsInterval;
    }

    /**
     * Shows the stream that began with {@code first} until the sender ends it or the user quits.
     */
    Totals run(Frame first, FrameReader reader, FrameWriter writer) throws IOException {
        say(HINT);
        Thread keyReader = new Thread(() -> readKeys(writer), "keys");
        keyReader.setDaemon(true);
        keyReader.start();
        ScheduledExecutorService timer = null;
        if (statsInterval != null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "stats-interval");
                thread.setDaemon(true);
                return thread;
            });
            long millis = statsInterval.toMillis();
            timer.scheduleAtFixedRate(() -> requestStats(writer), millis, millis, TimeUnit.MILLISECONDS);
        }
        try {
            Frame frame = first;
            while (true) {
                if (frame == null) {
                    if (leaving) {
                        return totals(true);
                    }
                    throw new EOFException("sender closed the stream");
                }
                if (frame instanceof Frame.Text text) {
                    show(text.text());
                } else if (frame instanceof Frame.Stats stats) {
                    showStats(stats);
                } else if (frame instanceof Frame.SessionEnd end) {
                    endedBecause = "the sender ended the stream" + (end.reason().isEmpty() ? "" : ": "
                            + Printable.escape(end.reason()));
                    say(endedBecause);
                    return totals(false);
                } else if (frame instanceof Frame.Error error) {
                    throw new PeerErrorException(error);
                } else {
                    throw new ProtocolException("unexpected " + frame.getClass().getSimpleName() + " in a trickle stream");
                }
                frame = reader.next();
            }
        } catch (IOException e) {
            if (leaving) {
                return totals(true);
            }
            throw e;
        } finally {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    private void readKeys(FrameWriter writer) {
        try {
            int key;
            while ((key = keys.next()) != KeySource.END) {
                if (key == 's' || key == 'S') {
                    requestStats(writer);
                } else if (key == 'q' || key == 'Q') {
                    // Under the same lock as a STATS_REQUEST, so none can follow the LEAVE.
                    synchronized (this) {
                        leaving = true;
                        writer.write(new Frame.Leave());
                    }
                    return;
                }
            }
        } catch (IOException e) {
            log.debug("no more keys: {}", e.getMessage());
        }
    }

    private void requestStats(FrameWriter writer) {
        synchronized (this) {
            if (leaving) {
                return;
            }
            try {
                writer.write(new Frame.StatsRequest());
            } catch (IOException e) {
                log.debug("cannot ask for statistics: {}", e.getMessage());
            }
        }
    }

    /** Why the stream ended, when the sender ended it. */
    synchronized String endedBecause() {
        return endedBecause;
    }

    private synchronized void show(String text) {
        String shown = Printable.escape(text);
        symbols += text.length();
        sinceStats += text.length();
        if (verbose) {
            lineBreak();
            out.println(LocalTime.now().format(TIME) + "  " + text.length() + " symbols: " + shown);
        } else {
            out.print(shown);
            atLineStart = false;
        }
        out.flush();
    }

    private synchronized void showStats(Frame.Stats stats) {
        statistics++;
        say("statistics: " + sinceStats + " symbols received since the last request; the sender reports "
                + stats.sinceLast() + " sent (" + stats.total() + " in all)");
        sinceStats = 0;
    }

    private synchronized void say(String line) {
        lineBreak();
        out.println(line);
        out.flush();
    }

    private void lineBreak() {
        if (!atLineStart) {
            out.println();
            atLineStart = true;
        }
    }

    /** What the stream delivered so far, for a stream cut short (Ctrl-C, a lost connection). */
    synchronized Totals soFar() {
        lineBreak();
        out.flush();
        return new Totals(symbols, statistics, false);
    }

    private synchronized Totals totals(boolean left) {
        lineBreak();
        out.flush();
        return new Totals(symbols, statistics, left);
    }
}
