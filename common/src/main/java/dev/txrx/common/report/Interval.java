package dev.txrx.common.report;

import java.time.Duration;

/**
 * What moved in one reporting interval ({@code --interval}), as iperf3 reports it.
 *
 * @param from  the interval's start, since the transfer's start
 * @param to    its end, since the transfer's start
 * @param bytes bytes of file content that travelled in it
 * @param files files finished in it
 */
public record Interval(Duration from, Duration to, long bytes, long files) {

    /** Its rate in bytes per second. */
    public double bytesPerSecond() {
        double seconds = to.minus(from).toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytes / seconds;
    }
}
