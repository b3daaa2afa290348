package dev.txrx.cli;

import dev.txrx.cli.report.JsonResult;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Where a command's messages go: lines for a person on stdout, or on stderr when {@code --json}
 * puts the JSON summary on stdout; errors always on stderr.
 *
 * @param out        the command line's stdout
 * @param err        the command line's stderr
 * @param json       true when stdout carries one JSON object per summary ({@code --json})
 * @param jsonStream true when stdout carries one JSON object per event ({@code --json-stream})
 * @param result     the JSON object the run ends with, which the edge prints once the exit code is known
 */
public record CommandOutput(PrintWriter out, PrintWriter err, boolean json, boolean jsonStream, JsonResult result) {

    /** Output without the events on stdout, whose final JSON object, if any, nobody prints. */
    public CommandOutput(PrintWriter out, PrintWriter err, boolean json) {
        this(out, err, json, false, new JsonResult());
    }

    /** The streams of {@code cli}, with the choice of {@code options}. */
    public static CommandOutput of(CommandLine cli, OutputOptions options) {
        return new CommandOutput(cli.getOut(), cli.getErr(), options.json, options.jsonStream, options.result);
    }

    /** Where lines for a person go: stderr when stdout carries JSON. */
    public PrintWriter human() {
        return json || jsonStream ? err : out;
    }

    /**
     * Says on stderr why the run fails, as {@code app: message}, and keeps {@code message} as the
     * {@code "error"} of the run's JSON object.
     */
    public void fail(String app, String message) {
        result.failed(message);
        err.println(app + ": " + message);
        err.flush();
    }
}
