package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ConnectOptions;
import dev.txrx.cli.DurationConverter;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.LogFileOptions;
import dev.txrx.cli.Logging;
import dev.txrx.cli.Credentials;
import dev.txrx.cli.SecurityOptions;
import dev.txrx.common.tls.Ticket;
import java.io.IOException;
import dev.txrx.cli.OutputOptions;
import dev.txrx.cli.report.TransferReporting;
import dev.txrx.cli.ListenPortConverter;
import dev.txrx.cli.TimeoutOptions;
import dev.txrx.cli.VersionProvider;
import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.transport.LocalFailureException;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.conversation.ReceiverSettings;
import dev.txrx.receiver.store.DiskThreads;
import dev.txrx.receiver.store.OnExists;
import dev.txrx.receiver.store.Store;
import dev.txrx.receiver.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code receiver} command, a thin shell: it checks the options, sets up what every mode runs
 * with (Ctrl-C, the watchdog, the disk's threads), and runs the mode they choose.
 */
@Command(name = "receiver", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Connects to a sender, retrying a bounded number of times, receives its files into the output "
                + "directory (each under a temporary name until its CRC32C verifies), and compares its totals "
                + "and session digest with the sender's. Exits 0 only if everything verified.",
            ""})
public final class ReceiverCommand implements Callable<Integer> {

    private static final int MAX_PARALLEL = 10_000;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-H", "--host"}, defaultValue = "127.0.0.1",
            description = "Sender's host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "47474", converter = ListenPortConverter.class,
            description = "Sender's port; with --listen the port to listen on, where 0 picks a free one "
                + "(default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    ConnectOptions connection;

    @Mixin
    TimeoutOptions timeouts;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "received",
            description = "Where verified files are written (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--discard", description = "Verify and count the files without writing them.")
    boolean discard;

    @Option(names = "--no-fsync", description = "Report a file verified without waiting for it to reach the disk: "
            + "faster for many small files, but a power loss may lose files reported verified.")
    boolean noFsync;

    @Option(names = "--list", description = "Print the sender's catalogue (names, sizes, times) and exit; "
            + "the sender must serve real files (sender --send).")
    boolean list;

    @Option(names = "--get", arity = "1..*", paramLabel = "NAME",
            description = "Fetch only these entries of the sender's catalogue; a directory brings its whole tree.")
    List<String> get = new ArrayList<>();

    @Option(names = "--on-exists", defaultValue = "rename", paramLabel = "POLICY",
            description = "When a file of the same name exists: rename (store as 'name (1).ext'), overwrite, "
                + "skip, or fail (default: ${DEFAULT-VALUE}).")
    OnExists onExists;

    @Mixin
    ListenOptions listening;

    @Mixin
    SecurityOptions security;

    @Mixin
    PingOptions pinging;

    @Option(names = "--stats-interval", converter = DurationConverter.class,
            description = "With a trickle stream (sender --trickle): ask for statistics this often, as if "
                + "'s' were pressed.")
    Duration statsInterval;

    @Option(names = "--parallel", defaultValue = "1",
            description = "Run this many receiving sessions at once, each with its own connection, and print "
                + "their aggregate; files go to <output-dir>/session-<k> (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin
    OutputOptions output;

    @Mixin
    LogFileOptions logFile;

    private final Supplier<KeySource> keys;

    /** A receiver whose keys come from the terminal, or from stdin lines when there is none. */
    public ReceiverCommand() {
        this(() -> System.console() != null ? new TerminalKeys() : new LineKeys(System.in));
    }

    /** A receiver whose keys come from {@code keys}; tests script them. */
    ReceiverCommand(Supplier<KeySource> keys) {
        this.keys = keys;
    }

    @Override
    public Integer call() throws Exception {
        ReceiverSettings settings = validated();
        Logging.configure("receiver", output.frames(), logFile);
        CommandOutput console = CommandOutput.of(spec.commandLine(), output);
        if (storesFiles()) {
            try {
                // a local error fails now, not as a lost connection after every retry
                Store.checkOutputDirectory(settings.store());
            } catch (LocalFailureException e) {
                console.err().println("receiver: " + e.getMessage());
                console.err().flush();
                return ExitCode.FAILED;
            }
        }
        Credentials credentials;
        Credentials.Listening listens = null;
        try {
            credentials = Credentials.load(security, System.getenv());
            if (listening.chosen) {
                listens = credentials.listening(true, "receiver");
                settings = settings.withSecurity(listens.security());
            } else {
                settings = settings.withSecurity(credentials.connecting("sender", notice -> {
                    console.err().println("receiver: " + notice);
                    console.err().flush();
                }));
            }
        } catch (IOException | IllegalArgumentException e) {
            console.err().println("receiver: " + e.getMessage());
            console.err().flush();
            return ExitCode.FAILED;
        }
        credentials.announce("receiver", console);
        try (Interruption interruption = Interruption.install(); StallWatchdog watchdog = new StallWatchdog();
             DiskThreads threads = new DiskThreads();
             TransferReporting reporting = TransferReporting.of("receiver", output, console)) {
            RunContext context = new RunContext(settings, watchdog, threads, interruption, console, reporting);
            int code = listening.chosen ? new ListeningReceiver(context, listening, credentials, listens).run()
                    : pinging.chosen() ? new PingRun(context, pinging.settings(output.interval), output.verbosity() > 0).run()
                    : parallel != 1 ? new ParallelReceive(context, parallel).run()
                    : list ? new CatalogueRun(context).run()
                    : new SingleReceive(context, view()).run();
            return interruption.happened() ? ExitCode.INTERRUPTED : code;
        }
    }

    /** Whether this run stores what arrives: not a catalogue, nor a ping run. */
    private boolean storesFiles() {
        return !list && !pinging.chosen();
    }

    private SingleReceive.View view() {
        return new SingleReceive.View(!output.noProgress, output.verbosity() > 0, statsInterval, keys);
    }

    private Frame.Request request() {
        if (list) {
            return new Frame.Request(RequestKind.LIST);
        }
        if (!get.isEmpty()) {
            return new Frame.Request(RequestKind.GET, get);
        }
        return new Frame.Request(RequestKind.FILES);
    }

    private ReceiverSettings validated() {
        if (list && !get.isEmpty()) {
            throw usage("--list and --get cannot be used together");
        }
        if (pinging.chosen() && (list || !get.isEmpty() || listening.chosen || parallel != 1)) {
            throw usage("--ping cannot be combined with --list, --get, --listen or --parallel");
        }
        if (pinging.problem() != null) {
            throw usage(pinging.problem());
        }
        if (listening.chosen && (list || !get.isEmpty() || parallel != 1)) {
            throw usage("--listen cannot be combined with --list, --get or --parallel");
        }
        if (listening.problem() != null) {
            throw usage(listening.problem());
        }
        if (port == 0 && !listening.chosen) {
            throw usage("--port 0 (a free port) applies only with --listen; give the sender's port");
        }
        if (get.size() > FrameFormat.MAX_REQUESTED_NAMES) {
            throw usage("--get takes at most " + FrameFormat.MAX_REQUESTED_NAMES + " names");
        }
        for (String name : get) {
            String problem = EntryNames.problem(name);
            if (problem != null) {
                throw usage("--get '" + name + "': " + problem);
            }
        }
        if (!get.isEmpty()) {
            try {
                new Frame.Request(RequestKind.GET, get);
            } catch (IllegalArgumentException e) {
                throw usage("--get: " + e.getMessage());
            }
        }
        if (connection.problem() != null) {
            throw usage(connection.problem());
        }
        if (host.isBlank()) {
            throw usage("--host must not be empty");
        }
        if (timeouts.problem() != null) {
            throw usage(timeouts.problem());
        }
        if (statsInterval != null && statsInterval.isZero()) {
            throw usage("--stats-interval must be above 0");
        }
        if (logFile.problem() != null) {
            throw usage(logFile.problem());
        }
        if (output.problem() != null) {
            throw usage(output.problem());
        }
        String securityProblem = listening.chosen ? security.listeningProblem(true) : security.connectingProblem();
        if (securityProblem != null) {
            throw usage(securityProblem);
        }
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw usage("--parallel must be between 1 and " + MAX_PARALLEL + ", not " + parallel);
        }
        String host = this.host;
        int port = this.port;
        if (security.ticket != null) {
            Ticket ticket;
            try {
                ticket = Ticket.parse(security.ticket);
            } catch (IllegalArgumentException e) {
                throw usage("--ticket: " + e.getMessage());
            }
            picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            host = parsed.hasMatchedOption("--host") ? host : ticket.hosts().get(0);
            port = parsed.hasMatchedOption("--port") ? port : ticket.port();
        }
        return new ReceiverSettings(host, port, connection.retryPolicy(), connection.connectTimeout,
                timeouts.handshake, timeouts.idle, request(),
                new StoreSettings(outputDir, discard, onExists, !noFsync), timeouts.minRate,
                dev.txrx.common.transport.Security.PLAIN);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
