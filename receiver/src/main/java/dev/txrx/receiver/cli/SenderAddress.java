package dev.txrx.receiver.cli;

import dev.txrx.cli.ConnectOptions;
import dev.txrx.cli.ListenPortConverter;
import dev.txrx.cli.PeerAddress;
import dev.txrx.common.tls.Ticket;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

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

    /**
     * The sender to connect to: the positional {@code HOST[:PORT]} when given, else {@code --host}
     * and {@code --port}; a ticket's address fills in what neither gave. Each of host and port may
     * be given one way only.
     *
     * @param positional the positional argument, or null
     * @param listening  true with {@code --listen}, which takes no sender
     * @param ticket     the ticket, or null
     * @param parsed     what the command line gave explicitly
     * @throws IllegalArgumentException saying, in one line, what conflicts or is malformed
     */
    PeerAddress sender(String positional, boolean listening, Ticket ticket, ParseResult parsed) {
        boolean hostGiven = parsed.hasMatchedOption("--host");
        boolean portGiven = parsed.hasMatchedOption("--port");
        String problem = PeerAddress.hostProblem(host);
        if (problem != null) {
            throw new IllegalArgumentException("--host: " + problem);
        }
        PeerAddress given = new PeerAddress(host, port);
        if (positional != null) {
            if (listening) {
                throw new IllegalArgumentException("--listen takes no HOST[:PORT]: --bind and --port say where to listen");
            }
            PeerAddress address;
            try {
                address = PeerAddress.parse(positional);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sender " + e.getMessage());
            }
            if (hostGiven) {
                throw new IllegalArgumentException("the sender is given twice, as " + positional + " and with --host: give one");
            }
            if (address.port() != null && portGiven) {
                throw new IllegalArgumentException("the sender's port is given twice, in " + positional
                        + " and with --port: give one");
            }
            hostGiven = true;
            portGiven |= address.port() != null;
            given = new PeerAddress(address.host(), address.port() != null ? address.port() : port);
        }
        if (ticket == null) {
            return given;
        }
        return new PeerAddress(hostGiven ? given.host() : ticket.hosts().get(0), portGiven ? given.port() : ticket.port());
    }
}
