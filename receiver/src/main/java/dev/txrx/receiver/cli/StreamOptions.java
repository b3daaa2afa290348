package dev.txrx.receiver.cli;

import dev.txrx.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the receiver follows a trickle stream ({@code sender --trickle}). */
final class StreamOptions {

    @Option(names = "--stats-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Ask for statistics this often, as if 's' were pressed (default: only on 's').")
    Duration statsInterval;
}
