package dev.txrx.cli;

import dev.txrx.cli.report.JsonResult;
import picocli.CommandLine.Option;

/** How an app talks to the person: verbosity and JSON output. Shared by both apps. */
public final class OutputOptions {

    @Option(names = {"-v", "--verbose"}, description = "Log frame-level detail and show stack traces.")
    public boolean verbose;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout; human output goes to "
            + "stderr. Every run ends with one object that has exitCode, and error when that is not 0.")
    public boolean json;

    /** The object the run ends with under {@code --json}; the edge prints it ({@link CommandLines}). */
    public final JsonResult result = new JsonResult();
}
