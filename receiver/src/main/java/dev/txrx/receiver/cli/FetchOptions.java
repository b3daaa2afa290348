package dev.txrx.receiver.cli;

import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.Glob;
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

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Do not ask for entries this pattern matches, nor for what is below them (repeatable): "
                + "'*.tmp' matches in any directory, 'docs/*.md' from the top; * ? [a-z] **. The sender must "
                + "speak protocol version 3.")
    List<String> excludes = new ArrayList<>();

    /** What is wrong with the {@code --exclude} patterns, or null. */
    String excludesProblem() {
        if (excludes.size() > FrameFormat.MAX_EXCLUDES) {
            return "--exclude takes at most " + FrameFormat.MAX_EXCLUDES + " patterns";
        }
        for (String pattern : excludes) {
            try {
                Glob.of(pattern);
            } catch (IllegalArgumentException e) {
                return "--exclude '" + pattern + "': " + e.getMessage();
            }
        }
        return null;
    }

    @Option(names = "--dry-run", description = "Print what would be fetched and what is already up to date in "
            + "the output directory, and transfer and store nothing.")
    boolean dryRun;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N",
            description = "Run this many receiving sessions at once, each with its own connection, and print "
                + "their aggregate; files go to session-1, session-2, ... in the output directory "
                + "(default: ${DEFAULT-VALUE}).")
    int parallel;
}
