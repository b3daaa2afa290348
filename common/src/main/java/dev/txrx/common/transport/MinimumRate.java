package dev.txrx.common.transport;

import dev.txrx.common.text.ByteSizes;
import java.time.Duration;

/**
 * The least a peer must move while this side waits on it: {@code bytesPerSecond} over each
 * {@code window} of time spent blocked in a read or a write on its connection. A peer that moves
 * fewer bytes is dropped when the window is full. The window is the idle timeout, so one slow
 * call is judged by the idle timeout and a run of calls that each just beat it by this rate.
 *
 * @param bytesPerSecond the rate, or 0 for none
 * @param window         how much blocked time the rate is measured over
 */
public record MinimumRate(long bytesPerSecond, Duration window) {

    /** No minimum: only the idle timeout applies. */
    public static final MinimumRate NONE = new MinimumRate(0, Duration.ZERO);

    public MinimumRate {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a minimum rate cannot be negative: " + bytesPerSecond);
        }
    }

    /** True if there is a minimum to enforce. */
    public boolean applies() {
        return bytesPerSecond > 0 && window.toNanos() > 0;
    }

    /** True if {@code bytes} moved over {@code blocked} meet the rate. */
    public boolean met(long bytes, Duration blocked) {
        // in doubles: bytes * 1e9 overflows a long after a few GiB
        return bytes >= bytesPerSecond * (blocked.toNanos() / 1e9);
    }

    @Override
    public String toString() {
        return ByteSizes.formatRate(bytesPerSecond);
    }
}
