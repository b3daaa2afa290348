package dev.txrx.sender.cli;

import dev.txrx.common.text.Durations;
import dev.txrx.sender.conversation.TrickleSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code sender --trickle}: a text stream instead of files. */
final class TrickleOptions {

    private static final Duration DEFAULT_MIN_PAUSE = Duration.ofSeconds(1);
    private static final Duration DEFAULT_MAX_PAUSE = Duration.ofSeconds(3);

    @Option(names = "--trickle",
            description = "Stream bursts of random printable characters at random pauses to each receiver, "
                + "until it leaves, instead of files. Pauses follow --min-interval and --max-interval, which "
                + "default to 1s and 3s in this mode.")
    boolean trickle;

    @Option(names = "--min-burst", defaultValue = "1", paramLabel = "N",
            description = "Fewest characters in a burst (default: ${DEFAULT-VALUE}).")
    int minBurst;

    @Option(names = "--max-burst", defaultValue = "8", paramLabel = "N",
            description = "Most characters in a burst, at most " + TrickleSettings.MAX_BURST
                + " (default: ${DEFAULT-VALUE}).")
    int maxBurst;

    /**
     * The pauses between bursts.
     *
     * @param min {@code --min-interval} if it was given, else null
     * @param max {@code --max-interval} if it was given, else null
     */
    record Pauses(Duration min, Duration max) {
        /** The intervals given, and the stream's own defaults for those not given. */
        Pauses {
            // a longest pause below the default shortest lowers it, as for generated files
            min = min != null ? min : max != null && max.compareTo(DEFAULT_MIN_PAUSE) < 0 ? max : DEFAULT_MIN_PAUSE;
            max = max != null ? max : min.compareTo(DEFAULT_MAX_PAUSE) > 0 ? min : DEFAULT_MAX_PAUSE;
        }
    }

    /** What is wrong with these options and {@code pauses}, or null. */
    String problem(Pauses pauses) {
        if (minBurst < 1 || maxBurst < minBurst || maxBurst > TrickleSettings.MAX_BURST) {
            return "--min-burst and --max-burst must satisfy 1 <= min <= max <= " + TrickleSettings.MAX_BURST;
        }
        if (pauses.max().compareTo(pauses.min()) < 0) {
            return "--min-interval " + Durations.format(pauses.min()) + " is above --max-interval "
                    + Durations.format(pauses.max());
        }
        return null;
    }

    /** The stream to send with {@code pauses}, or null without {@code --trickle}; the options have no problem. */
    TrickleSettings settings(Pauses pauses) {
        return trickle ? new TrickleSettings(minBurst, maxBurst, pauses.min(), pauses.max()) : null;
    }
}
