package dev.txrx.receiver.cli;

import dev.txrx.cli.ConnectOptions;
import dev.txrx.cli.ListenPortConverter;
import picocli.CommandLine.Option;

/**
 * The receiver's options about reaching a sender: its address (which the positional
 * {@code HOST[:PORT]} may give instead) and, from {@link ConnectOptions}, the retries.
 */
final class SenderAddress extends ConnectOptions {

    @Option(names = {"-H", "--host"}, defaultValue = "127.0.0.1", paramLabel = "HOST", order = 1,
            description = "Sender's host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "47474", converter = ListenPortConverter.class,
            paramLabel = "PORT", order = 2,
            description = "Sender's port; with --listen the port to listen on, where 0 picks a free one "
                + "(default: ${DEFAULT-VALUE}).")
    int port;
}
