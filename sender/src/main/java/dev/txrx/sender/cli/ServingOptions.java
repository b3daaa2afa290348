package dev.txrx.sender.cli;

import dev.txrx.cli.ListenPortConverter;
import dev.txrx.cli.RateConverter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How the sender serves: where it listens, what it sends, how fast, to how many, for how long. */
final class ServingOptions {

    @Option(names = {"-p", "--port"}, defaultValue = SenderCommand.DEFAULT_PORT, converter = ListenPortConverter.class,
            paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one, printed at start (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-b", "--bind"}, defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String bind;

    @Option(names = "--send", arity = "1..*", paramLabel = "FILE",
            description = "Send these files and directories (recursively, with their relative paths) instead "
                + "of generated files; the same as giving them after the options.")
    List<Path> sendPaths = new ArrayList<>();

    @Option(names = "--once", description = "Serve one session, which may span reconnections, then exit; "
            + "the exit code says whether it verified.")
    boolean once;

    @Option(names = "--rate", converter = RateConverter.class, paramLabel = "RATE",
            description = "Limit each session to this rate: " + RateConverter.GRAMMAR + ". Default: no limit.")
    Long rate;

    @Option(names = "--max-clients", defaultValue = "256", paramLabel = "N",
            description = "Receivers served at once; one more is told the sender is busy (default: ${DEFAULT-VALUE}).")
    int maxClients;
}
