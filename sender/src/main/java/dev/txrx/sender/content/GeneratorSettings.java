package dev.txrx.sender.content;

import java.time.Duration;

/**
 * What the sender generates for each receiver: {@code count} files of a uniformly random size
 * between the bounds, with a uniformly random pause between the bounds before each file after
 * the first. All bounds are inclusive.
 */
public record GeneratorSettings(int count, long minSize, long maxSize, Duration minInterval, Duration maxInterval) {

    public GeneratorSettings {
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
        if (minSize < 0 || maxSize < minSize || maxSize == Long.MAX_VALUE) {
            throw new IllegalArgumentException("size bounds " + minSize + ".." + maxSize + " are invalid");
        }
        if (minInterval.isNegative() || maxInterval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("interval bounds " + minInterval + ".." + maxInterval + " are invalid");
        }
    }
}
