package dev.txrx.receiver.cli;

import dev.txrx.cli.SizeConverter;
import dev.txrx.receiver.conversation.PingSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code receiver --ping}: how many pings, how far apart, how large, after how many unmeasured. */
final class PingOptions {

    @Option(names = "--ping", paramLabel = "N",
            description = "Measure latency instead of receiving files: send N pings, one at a time, and print "
                + "round-trip percentiles (microseconds).")
    Integer count;

    @Option(names = "--size", defaultValue = "64", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Payload bytes of each ping, at least 32 (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--warmup", defaultValue = "1000", paramLabel = "N",
            description = "Pings sent first and not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

    /** True when {@code --ping} was given. */
    boolean chosen() {
        return count != null;
    }

    /** Checks the values; returns a message naming the bad option, or null. */
    String problem() {
        if (count != null && count < 1) {
            return "--ping must be at least 1, not " + count;
        }
        if (warmup < 0) {
            return "--warmup must not be negative";
        }
        if (size < PingSettings.MIN_PAYLOAD || size > PingSettings.MAX_PAYLOAD) {
            return "--size must be between " + PingSettings.MIN_PAYLOAD + " and " + PingSettings.MAX_PAYLOAD
                    + " bytes, not " + size;
        }
        return null;
    }

    /**
     * The run the options ask for; only once {@link #problem()} found none.
     *
     * @param interval the time between pings ({@code --interval}, which {@code OutputOptions}
     *                 holds for both its meanings), or null: each as soon as the previous answer arrives
     */
    PingSettings settings(Duration interval) {
        return new PingSettings(count, warmup, interval == null ? Duration.ZERO : interval, (int) size);
    }
}
