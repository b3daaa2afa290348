package dev.txrx.common.transport;

import dev.txrx.common.text.Durations;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * What one connection may write to the log: lines a peer can cause by what it sends (one per
 * STATS_REQUEST, say) go through this gate, which lets {@value #BUDGET} of them through in each
 * {@link #WINDOW} and drops the rest, then writes one line saying how many it dropped. A peer that
 * floods us with requests thus cannot rotate the log files away, and the other connections' lines,
 * each behind a gate of their own, are not affected. One per {@link PeerConnection}; thread-safe,
 * since a conversation may log from a listener thread too.
 */
public final class PeerLog {

    /** Lines let through per window. */
    static final int BUDGET = 20;
    /** The window the budget is counted over. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final String who;
    private final LongSupplier clock;
    private long windowStart;
    private int written;
    private long suppressed;
    private Logger suppressedTo;

    /** A gate for the lines about {@code who} (for example "receiver 127.0.0.1:5000"). */
    public PeerLog(String who) {
        this(who, System::nanoTime);
    }

    PeerLog(String who, LongSupplier clock) {
        this.who = who;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /** Logs at INFO, within the budget. */
    public void info(Logger log, String format, Object... args) {
        if (log.isInfoEnabled() && admit(log)) {
            log.info(format, args);
        }
    }

    /** Logs at DEBUG, within the budget; a line the logger would drop anyway costs nothing. */
    public void debug(Logger log, String format, Object... args) {
        if (log.isDebugEnabled() && admit(log)) {
            log.debug(format, args);
        }
    }

    /** Logs at WARN, within the budget. */
    public void warn(Logger log, String format, Object... args) {
        if (log.isWarnEnabled() && admit(log)) {
            log.warn(format, args);
        }
    }

    private boolean admit(Logger log) {
        String summary;
        Logger summaryTo;
        boolean admitted;
        synchronized (this) {
            long now = clock.getAsLong();
            summaryTo = suppressedTo;
            summary = null;
            if (now - windowStart >= WINDOW.toNanos()) {
                summary = takeSummary();
                windowStart = now;
                written = 0;
            }
            admitted = written < BUDGET;
            if (admitted) {
                written++;
            } else {
                suppressed++;
                suppressedTo = log;
            }
        }
        if (summary != null) {
            summaryTo.info(summary);
        }
        return admitted;
    }

    /** Writes the count of lines dropped since the last such line, if any; at the end of the connection. */
    public void close() {
        Logger to;
        String summary;
        synchronized (this) {
            to = suppressedTo;
            summary = takeSummary();
        }
        if (summary != null) {
            to.info(summary);
        }
    }

    private String takeSummary() {
        if (suppressed == 0) {
            return null;
        }
        String summary = who + " caused " + suppressed + (suppressed == 1 ? " more log line" : " more log lines")
                + ", suppressed (at most " + BUDGET + " per " + Durations.format(WINDOW) + " for one connection)";
        suppressed = 0;
        return summary;
    }
}
