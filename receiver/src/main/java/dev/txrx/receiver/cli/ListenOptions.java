package dev.txrx.receiver.cli;

import dev.txrx.cli.BindAddress;
import picocli.CommandLine.Option;

/** The options of {@code receiver --listen}: where to listen, and how many uploads to take at once. */
final class ListenOptions {

    @Option(names = "--listen", description = "Listen for senders that connect (sender --connect) and store "
            + "every upload, until stopped; --port and --bind say where.")
    boolean chosen;

    @Option(names = {"-b", "--bind"}, defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--max-clients", defaultValue = "64", paramLabel = "N",
            description = "Uploads taken at once; one more is told the receiver is busy "
                + "(default: ${DEFAULT-VALUE}).")
    int maxClients;

    /** Checks the values; returns a message naming the bad option, or null. */
    String problem() {
        if (maxClients < 1) {
            return "--max-clients must be at least 1, not " + maxClients;
        }
        if (chosen && BindAddress.problem(bind) != null) {
            return BindAddress.problem(bind);
        }
        return null;
    }
}
