package dev.txrx.sender.cli;

import dev.txrx.cli.BindAddress;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ConnectOptions;
import dev.txrx.cli.HostPortConverter;
import dev.txrx.cli.Credentials;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.SecurityOptions;
import dev.txrx.common.tls.Ticket;
import dev.txrx.cli.LogFileOptions;
import dev.txrx.cli.Logging;
import dev.txrx.cli.report.TransferReporting;
import dev.txrx.cli.OutputOptions;
import dev.txrx.cli.ListenPortConverter;
import dev.txrx.cli.SizeConverter;
import dev.txrx.cli.TimeoutOptions;
import dev.txrx.cli.VersionProvider;
import dev.txrx.sender.content.LocalTree;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code sender} command: listens, and streams freshly generated files to each receiver. */
@Command(name = "sender", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Waits for receivers. For each one that connects it generates random files, writes each to "
                + "the output directory as file_<n>.bits and streams it while it is written (or, with "
                + "--no-save, only streams it), then ends with totals and a session digest that the "
                + "receiver verifies.",
            ""})
public final class SenderCommand implements Callable<Integer> {

    /** The default port of both apps. */
    public static final String DEFAULT_PORT = "47474";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-p", "--port"}, defaultValue = DEFAULT_PORT, converter = ListenPortConverter.class,
            description = "Port to listen on; 0 picks a free one, printed at start (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-b", "--bind"}, defaultValue = "0.0.0.0",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String bind;

    @Option(names = "--send", arity = "1..*", paramLabel = "PATH",
            description = "Send these files and directories (recursively, with their relative paths) instead "
                + "of generated files.")
    List<Path> sendPaths = new ArrayList<>();

    @Option(names = "--connect", paramLabel = "HOST:PORT", arity = "0..1", fallbackValue = "",
            description = "Connect to a receiver that listens (receiver --listen) and send to it, instead of "
                + "listening; exits after that one session. With --ticket, the address may be left out.")
    String connect;

    @Mixin
    SecurityOptions security;

    @Mixin
    ConnectOptions connection;

    @Mixin
    TrickleOptions stream;

    @Mixin
    GeneratedOptions files;

    @Option(names = "--once", description = "Serve one session, which may span reconnections, then exit; "
            + "the exit code says whether it verified.")
    boolean once;

    @Option(names = "--rate", converter = SizeConverter.class,
            description = "Limit each session to this many bytes per second, e.g. 10M. Default: no limit.")
    Long rate;

    @Option(names = "--max-clients", defaultValue = "256",
            description = "Receivers served at once; one more is told the sender is busy (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Mixin
    TimeoutOptions timeouts;

    @Mixin
    OutputOptions output;

    @Mixin
    LogFileOptions logFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SenderSettings settings = validated();
        InetSocketAddress receiver = connecting() ? receiver() : null;
        Logging.configure("sender", output.frames(), logFile);
        CommandOutput console = CommandOutput.of(spec.commandLine(), output);
        Credentials credentials;
        try {
            credentials = Credentials.load(security, System.getenv());
        } catch (IOException e) {
            console.err().println("sender: " + e.getMessage());
            console.err().flush();
            return ExitCode.FAILED;
        }
        try (TransferReporting reporting = TransferReporting.of("sender", output, console)) {
            if (receiver != null) {
                return new ConnectingSender(settings, credentials, receiver, connection.retryPolicy(),
                        connection.connectTimeout, console, reporting, !output.noProgress).run();
            }
            return new ListeningSender(settings, credentials, console, reporting).run();
        }
    }

    /** True when the sender connects to a listening receiver: {@code --connect}, or a ticket. */
    private boolean connecting() {
        return connect != null || security.ticket != null;
    }

    /** The receiver to connect to: {@code --connect HOST:PORT}, or the ticket's address. */
    private InetSocketAddress receiver() {
        if (connect != null && !connect.isEmpty()) {
            try {
                return new HostPortConverter().convert(connect);
            } catch (CommandLine.TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), "--connect: " + e.getMessage());
            }
        }
        Ticket ticket = Ticket.parse(security.ticket);
        return InetSocketAddress.createUnresolved(ticket.hosts().get(0), ticket.port());
    }

    private SenderSettings validated() {
        String problem = firstProblem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        return new SenderSettings(bind, port, sendPaths, files.settings(), files.seed, files.outputDir, !files.noSave,
                once, rate == null ? 0 : rate, maxClients, timeouts.handshake, timeouts.idle,
                stream.settings(pauses()), timeouts.minRate, dev.txrx.common.transport.Security.PLAIN);
    }

    /** What is wrong with the options, the first thing of all, or null. */
    private String firstProblem() {
        if (files.problem() != null) {
            return files.problem();
        }
        if (rate != null && rate <= 0) {
            return "--rate must be above 0";
        }
        if (maxClients < 1) {
            return "--max-clients must be at least 1, not " + maxClients;
        }
        if (connect != null && connect.isEmpty() && security.ticket == null) {
            return "--connect needs HOST:PORT, or a --ticket that holds it";
        }
        if (security.ticket != null) {
            try {
                Ticket.parse(security.ticket);
            } catch (IllegalArgumentException e) {
                return "--ticket: " + e.getMessage();
            }
        }
        String securityProblem = connecting() ? security.connectingProblem()
                : security.listeningProblem(!sendPaths.isEmpty());
        for (String problem : new String[] {timeouts.problem(), logFile.problem(), output.problem(), BindAddress.problem(bind),
                connection.problem(), LocalTree.problem(sendPaths), securityProblem}) {
            if (problem != null) {
                return problem;
            }
        }
        if (files.noSave && !sendPaths.isEmpty()) {
            return "--no-save applies to generated files only; it cannot be used with --send";
        }
        if (files.noSave && stream.trickle) {
            return "--no-save applies to generated files only; it cannot be used with --trickle";
        }
        if (stream.trickle && !sendPaths.isEmpty()) {
            return "--trickle and --send cannot be used together";
        }
        return stream.trickle ? stream.problem(pauses()) : null;
    }

    /** The trickle stream's pauses: the intervals given on the command line, its own defaults for the others. */
    private TrickleOptions.Pauses pauses() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return new TrickleOptions.Pauses(parsed.hasMatchedOption("--min-interval") ? files.minInterval : null,
                parsed.hasMatchedOption("--max-interval") ? files.maxInterval : null);
    }
}
