package dev.txrx.receiver.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What the receiver asks the sender for: every file (the default), its catalogue, or some entries; how many sessions at once. */
final class FetchOptions {

    @Option(names = "--list", description = "Print the sender's catalogue (names, sizes, times) and exit; "
            + "the sender must serve real files (sender --send).")
    boolean list;

    @Option(names = "--get", arity = "1..*", paramLabel = "NAME",
            description = "Fetch only these entries of the sender's catalogue; a directory brings its whole tree.")
    List<String> get = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print what would be fetched and what is already up to date in "
            + "the output directory, and transfer and store nothing.")
    boolean dryRun;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N",
            description = "Run this many receiving sessions at once, each with its own connection, and print "
                + "their aggregate; files go to session-1, session-2, ... in the output directory "
                + "(default: ${DEFAULT-VALUE}).")
    int parallel;
}
