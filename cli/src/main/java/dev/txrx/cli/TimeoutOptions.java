package dev.txrx.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Timeouts both apps apply to a connection once it is open. */
public final class TimeoutOptions {

    @Option(names = "--handshake-timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Drop a peer that has not completed the opening exchange within this long "
                + "(default: ${DEFAULT-VALUE}).")
    public Duration handshake;

    @Option(names = "--idle-timeout", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Drop the connection when one read or write makes no progress for this long "
                + "(default: ${DEFAULT-VALUE}).")
    public Duration idle;

    @Option(names = "--min-rate", paramLabel = "RATE", defaultValue = "128", converter = RateConverter.class,
            description = "Drop a peer that connected to us if, while we wait on it, it moves fewer bytes per "
                + "second than this, measured over each --idle-timeout of waiting; "
                + RateConverter.GRAMMAR + "; 0 turns it off (default: ${DEFAULT-VALUE}).")
    public long minRate;

    /** Checks the values; returns a message naming the bad option, or null. */
    public String problem() {
        if (handshake.isZero()) {
            return "--handshake-timeout must be above 0";
        }
        if (idle.isZero()) {
            return "--idle-timeout must be above 0";
        }
        if (minRate < 0) {
            return "--min-rate must not be negative";
        }
        return null;
    }
}
