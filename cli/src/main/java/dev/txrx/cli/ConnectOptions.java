package dev.txrx.cli;

import dev.txrx.common.text.Durations;
import dev.txrx.common.transport.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How the connecting side reaches its peer: attempts, pauses and the per-attempt timeout. Each app
 * extends it with the address it connects to, as one argument group of its help.
 */
public class ConnectOptions {

    @Option(names = "--retries", defaultValue = "10", paramLabel = "N", order = 10,
            description = "Connection attempts before giving up (default: ${DEFAULT-VALUE}).")
    public int retries;

    @Option(names = "--retry-delay", defaultValue = "500ms", paramLabel = "DURATION", order = 11, converter = DurationConverter.class,
            description = "Pause after the first failed attempt; it doubles after each one (default: ${DEFAULT-VALUE}).")
    public Duration retryDelay;

    @Option(names = "--max-retry-delay", defaultValue = "5s", paramLabel = "DURATION", order = 12, converter = DurationConverter.class,
            description = "Longest pause between attempts (default: ${DEFAULT-VALUE}).")
    public Duration maxRetryDelay;

    @Option(names = "--connect-timeout", defaultValue = "5s", paramLabel = "DURATION", order = 13, converter = DurationConverter.class,
            description = "Give up on one connection attempt after this long (default: ${DEFAULT-VALUE}).")
    public Duration connectTimeout;

    /** Checks the values; returns a message naming the bad option, or null. */
    public String problem() {
        if (retries < 1) {
            return "--retries must be at least 1, not " + retries;
        }
        if (maxRetryDelay.compareTo(retryDelay) < 0) {
            return "--retry-delay " + Durations.format(retryDelay) + " is above --max-retry-delay "
                    + Durations.format(maxRetryDelay);
        }
        if (connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            return "--connect-timeout must be between 1ms and 24 days";
        }
        return null;
    }

    /** The retry policy these options describe. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(retries, retryDelay, maxRetryDelay);
    }
}
