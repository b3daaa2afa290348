package dev.txrx.cli;

import picocli.CommandLine.Option;

/** How an app talks to the person: verbosity and JSON output. Shared by both apps. */
public final class OutputOptions {

    @Option(names = {"-v", "--verbose"}, description = "Log frame-level detail and show stack traces.")
    public boolean verbose;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout; human output goes to stderr.")
    public boolean json;
}
