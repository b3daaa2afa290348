package dev.txrx.sender.conversation;

import java.time.Duration;

/**
 * Seed 003's stream: bursts of {@code minBurst} to {@code maxBurst} random printable
 * characters, each after a random pause of {@code minPause} to {@code maxPause}. Bounds are inclusive.
 */
public record TrickleSettings(int minBurst, int maxBurst, Duration minPause, Duration maxPause) {

    /** The most characters in one burst: what fits in a TEXT frame. */
    public static final int MAX_BURST = dev.txrx.common.protocol.FrameFormat.MAX_TEXT_LENGTH;

    public TrickleSettings {
        if (minBurst < 1 || maxBurst < minBurst || maxBurst > MAX_BURST) {
            throw new IllegalArgumentException("burst bounds " + minBurst + ".." + maxBurst + " are invalid");
        }
        if (minPause.isNegative() || maxPause.compareTo(minPause) < 0) {
            throw new IllegalArgumentException("pause bounds " + minPause + ".." + maxPause + " are invalid");
        }
    }
}
