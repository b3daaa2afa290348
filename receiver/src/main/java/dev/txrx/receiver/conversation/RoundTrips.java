package dev.txrx.receiver.conversation;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** What a ping run measured so far: its pings sent, the answers right and wrong, and the right ones' round trips. */
final class RoundTrips {

    /** Longest round trip the histogram holds: one hour, far past any idle timeout. */
    private static final long HIGHEST_RTT_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram rtt = new Histogram(HIGHEST_RTT_NANOS, SIGNIFICANT_DIGITS);
    private long sent;
    private long answered;
    private long mismatched;

    /** A measured ping went out. */
    void sent() {
        sent++;
    }

    /** A measured ping was answered right after {@code nanos}. */
    void answered(long nanos) {
        answered++;
        rtt.recordValue(Math.min(nanos, HIGHEST_RTT_NANOS));
    }

    /** An answer did not match its ping. */
    void mismatched() {
        mismatched++;
    }

    /** Measured pings answered right so far. */
    long answers() {
        return answered;
    }

    /** The run of {@code requested} measured pings, ended early by {@code problem} if not null. */
    PingResult result(int requested, String problem) {
        return new PingResult(requested, sent, answered, mismatched, rtt, problem);
    }
}
