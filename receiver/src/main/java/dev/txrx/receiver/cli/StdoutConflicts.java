package dev.txrx.receiver.cli;

import java.util.List;
import picocli.CommandLine.ParseResult;

/** The options given that {@code --stdout} cannot be combined with: they store, list, listen or print JSON. */
final class StdoutConflicts {

    /**
     * The options that would put something else on standard output ({@code --json}, {@code --list}),
     * store files ({@code --output-dir}, {@code --discard}, {@code --on-exists}), or take more than
     * one file session ({@code --listen}, {@code --parallel}, {@code --ping}).
     */
    private static final List<String> CONFLICTS = List.of("--output-dir", "--discard", "--on-exists", "--parallel",
            "--listen", "--list", "--ping", "--json", "--json-stream");

    private StdoutConflicts() {
    }

    /** Those of the conflicting options that {@code parsed} holds. */
    static List<String> of(ParseResult parsed) {
        return CONFLICTS.stream().filter(parsed::hasMatchedOption).toList();
    }
}
