package dev.txrx.cli;

import dev.txrx.cli.report.JsonResult;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How an app talks to the person: verbosity, progress, reports by interval, and JSON output.
 * Shared by both apps.
 */
public final class OutputOptions {

    @Option(names = {"-v", "--verbose"},
            description = "-v: one line per file as it verifies (the sender: as it is sent); "
                + "-vv: also every control frame in the log, and stack traces.")
    public boolean[] verbose = new boolean[0];

    @Option(names = "--no-progress", description = "Do not draw the progress line, even on a terminal.")
    public boolean noProgress;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout; human output goes to "
            + "stderr. Every run ends with one object that has exitCode, and error when that is not 0.")
    public boolean json;

    @Option(names = "--json-stream",
            description = "Print one JSON object per line on stdout for each event (start, resumed, file, interval, "
                + "error, end; see docs/JSON.md); human output goes to stderr.")
    public boolean jsonStream;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Print the bytes, rate and files of every DURATION (for example 1s), as iperf3 does; "
                + "with --ping: the time between pings (default: 0, none).")
    public Duration interval;

    /** The object the run ends with under {@code --json}; the edge prints it ({@link CommandLines}). */
    public final JsonResult result = new JsonResult();

    /** How many times {@code -v} was given. */
    public int verbosity() {
        return verbose.length;
    }

    /** True with {@code -vv}: frames in the log, stack traces. */
    public boolean frames() {
        return verbosity() >= 2;
    }

    /** The interval of the reports, or null for none. */
    public Duration reportInterval() {
        return interval == null || interval.isZero() ? null : interval;
    }

    /** Checks the values; returns a message naming the bad option, or null. */
    public String problem() {
        if (json && jsonStream) {
            return "--json and --json-stream cannot be used together (the stream ends with the summary)";
        }
        return null;
    }
}
