package dev.txrx.common.report;

import java.time.Duration;

/**
 * One file finished: verified on the receiving side, sent on the sending side.
 *
 * @param name  its name in the session
 * @param size  its size
 * @param moved the bytes of it that travelled over this connection: less than {@code size} when
 *              it continued from a part the receiver held
 * @param took  from its first byte on this connection to its end
 */
public record FileDone(String name, long size, long moved, Duration took) {

    /** The rate its bytes travelled at, in bytes per second; 0 when no time was measured. */
    public double bytesPerSecond() {
        double seconds = took.toNanos() / 1e9;
        return seconds <= 0 ? 0 : moved / seconds;
    }
}
