package dev.txrx.sender.content;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Draws the size of each file and the pause before it, uniformly within the bounds of the
 * {@link GeneratorSettings}, from a random source of the session's seed, which also fixes each
 * file's content ({@link GeneratedBytes}): one seed fixes the whole session.
 */
final class GenerationPlan {

    private final GeneratorSettings settings;
    private final SplittableRandom random;

    GenerationPlan(GeneratorSettings settings, SplittableRandom random) {
        this.settings = settings;
        this.random = random;
    }

    /** The size of the next file, between the bounds inclusive. */
    long nextSize() {
        return between(settings.minSize(), settings.maxSize());
    }

    /** The pause before the next file after the first, between the bounds inclusive. */
    Duration nextPause() {
        return Duration.ofNanos(between(settings.minInterval().toNanos(), settings.maxInterval().toNanos()));
    }

    private long between(long min, long max) {
        return min == max ? min : random.nextLong(min, max + 1);
    }
}
