package dev.txrx.receiver.conversation;

import org.HdrHistogram.Histogram;

/**
 * What a latency run measured.
 *
 * @param sent       measured pings sent
 * @param answered   measured pings answered with the right id and sequence number
 * @param mismatched answers whose id, sequence number or echoed send time was wrong
 * @param rttNanos   round-trip times of the answered measured pings, in nanoseconds
 * @param problem    why the run ended early, or null
 */
public record PingResult(int requested, long sent, long answered, long mismatched, Histogram rttNanos, String problem) {

    /** Measured pings that got no right answer: never sent, never answered, or answered wrongly. */
    public long lost() {
        return requested - answered;
    }
}
