package dev.txrx.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Timeouts both apps apply to a connection once it is open. */
public final class TimeoutOptions {

    @Option(names = "--handshake-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Drop a peer that has not completed the opening exchange within this long "
                + "(default: ${DEFAULT-VALUE}).")
    public Duration handshake;

    @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Drop the connection when one read or write makes no progress for this long "
                + "(default: ${DEFAULT-VALUE}).")
    public Duration idle;

    /** Checks the values; returns a message naming the bad option, or null. */
    public String problem() {
        if (handshake.isZero()) {
            return "--handshake-timeout must be above 0";
        }
        if (idle.isZero()) {
            return "--idle-timeout must be above 0";
        }
        return null;
    }
}
