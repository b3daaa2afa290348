package dev.txrx.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Where a command's messages go: lines for a person on stdout, or on stderr when {@code --json}
 * puts the JSON summary on stdout; errors always on stderr.
 *
 * @param out  the command line's stdout
 * @param err  the command line's stderr
 * @param json       true when stdout carries one JSON object per summary ({@code --json})
 * @param jsonStream true when stdout carries one JSON object per event ({@code --json-stream})
 */
public record CommandOutput(PrintWriter out, PrintWriter err, boolean json, boolean jsonStream) {

    /** Streams without the events on stdout. */
    public CommandOutput(PrintWriter out, PrintWriter err, boolean json) {
        this(out, err, json, false);
    }

    /** The streams of {@code cli}, with the choice of {@code options}. */
    public static CommandOutput of(CommandLine cli, OutputOptions options) {
        return new CommandOutput(cli.getOut(), cli.getErr(), options.json, options.jsonStream);
    }

    /** Where lines for a person go: stderr when stdout carries JSON. */
    public PrintWriter human() {
        return json || jsonStream ? err : out;
    }
}
