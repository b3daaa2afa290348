package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.LogFileOptions;
import dev.txrx.cli.Logging;
import dev.txrx.cli.Credentials;
import dev.txrx.cli.SecurityOptions;
import dev.txrx.common.tls.Ticket;
import java.io.IOException;
import dev.txrx.cli.OutputOptions;
import dev.txrx.cli.RunLog;
import dev.txrx.cli.report.TransferReporting;
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
import dev.txrx.receiver.store.Store;
import dev.txrx.receiver.store.StoreSettings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import dev.txrx.cli.PeerAddress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code receiver} command, a thin shell: it checks the options, sets up what every mode runs
 * with (Ctrl-C, the watchdog, the disk's threads), and runs the mode they choose.
 */
@Command(name = "receiver", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        customSynopsis = {
            "receiver [OPTIONS] [HOST[:PORT]]",
            "       receiver --list | --get NAME... [OPTIONS] [HOST[:PORT]]",
            "       receiver --listen [--port PORT] [OPTIONS]",
            "       receiver --ping N [OPTIONS] [HOST[:PORT]]"},
        description = {
            "",
            "Connects to a sender, retrying a bounded number of times, receives its files into the output "
                + "directory (each under a temporary name until its CRC32C verifies), and compares its totals "
                + "and session digest with the sender's. Exits 0 only if everything verified.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  receiver                         every file of the sender on this machine",
            "  receiver 192.168.1.20:47474      every file of that sender, into received",
            "  receiver --ticket txrx:...       the sender that printed this ticket",
            "  receiver --list example.org      what a sender --send offers",
            "  receiver --get docs -o here      one entry of the catalogue, into here",
            "  receiver --dry-run -o backup     what would be fetched, what is up to date",
            "  receiver --discard [::1]:47474   verify and count only (memory to memory)",
            "  receiver --listen --port 0       take uploads from sender --connect",
            "  receiver --ping 10000            round-trip times to the sender",
            "  receiver --stdout | tar x        a stream to stdout; exit 0 if it verified"})
public final class ReceiverCommand implements Callable<Integer> {

    private static final int MAX_PARALLEL = 10_000;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "HOST[:PORT]",
            description = "The sender, instead of --host and --port; an IPv6 address goes in brackets before "
                + "a port ([::1]:47474).")
    String target;

    @ArgGroup(validate = false, heading = "%nConnecting to a sender:%n", order = 1)
    SenderAddress connection = new SenderAddress();

    @ArgGroup(validate = false, heading = "%nWhat to fetch (--list/--get; default: every file):%n", order = 2)
    FetchOptions fetch = new FetchOptions();

    @ArgGroup(validate = false, heading = "%nStoring:%n", order = 3)
    StorageOptions storage = new StorageOptions();

    @ArgGroup(validate = false, heading = "%nListening for uploads (--listen):%n", order = 4)
    ListenOptions listening = new ListenOptions();

    @ArgGroup(validate = false, heading = "%nPing (--ping):%n", order = 5)
    PingOptions pinging = new PingOptions();

    @ArgGroup(validate = false, heading = "%nTrickle stream (sender --trickle):%n", order = 6)
    StreamOptions stream = new StreamOptions();

    @ArgGroup(validate = false, heading = "%nSecurity:%n", order = 7)
    SecurityOptions security = new SecurityOptions();

    @ArgGroup(validate = false, heading = "%nTimeouts:%n", order = 8)
    TimeoutOptions timeouts = new TimeoutOptions();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 9)
    OutputOptions output = new OutputOptions();

    @ArgGroup(validate = false, heading = "%nLog file:%n", order = 10)
    LogFileOptions logFile = new LogFileOptions();

    private final Supplier<KeySource> keys;
    /** Where {@code --stdout} writes the content. */
    private final Supplier<WritableByteChannel> standardOutput;

    /** A receiver whose keys come from the terminal, or from stdin lines when there is none. */
    public ReceiverCommand() {
        this(() -> System.console() != null ? new TerminalKeys() : new LineKeys(System.in));
    }

    /** A receiver whose keys come from {@code keys}; tests script them. */
    ReceiverCommand(Supplier<KeySource> keys) {
        this(keys, () -> new FileOutputStream(FileDescriptor.out).getChannel());
    }

    /** As above, writing {@code --stdout}'s content to {@code standardOutput}: tests catch it. */
    ReceiverCommand(Supplier<KeySource> keys, Supplier<WritableByteChannel> standardOutput) {
        this.keys = keys;
        this.standardOutput = standardOutput;
    }

    @Override
    public Integer call() throws Exception {
        ReceiverSettings settings = validated();
        if (storage.stdout) {
            // standard output carries the content: every line for a person goes to stderr
            spec.commandLine().setOut(spec.commandLine().getErr());
        }
        Logging.configure("receiver", output.frames(), logFile, spec.commandLine().getErr());
        RunLog.started("receiver", listening.chosen ? "listen" : pinging.chosen() ? "ping" : fetch.parallel != 1 ? "parallel"
                : request().kind().name().toLowerCase(java.util.Locale.ROOT), spec.commandLine().getParseResult());
        CommandOutput console = CommandOutput.of(spec.commandLine(), output);
        if (storesFiles()) {
            try {
                // a local error fails now, not as a lost connection after every retry
                Store.checkOutputDirectory(settings.store());
            } catch (LocalFailureException e) {
                console.fail("receiver", e.getMessage());
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
            console.fail("receiver", e.getMessage());
            return ExitCode.FAILED;
        }
        credentials.announce("receiver", console);
        try (Interruption interruption = Interruption.install(); StallWatchdog watchdog = new StallWatchdog();
             DiskThreads threads = new DiskThreads();
             TransferReporting reporting = TransferReporting.of("receiver", output, console)) {
            RunContext context = new RunContext(settings, watchdog, threads, interruption, console, reporting);
            int code = listening.chosen ? new ListeningReceiver(context, listening, credentials, listens).run()
                    : pinging.chosen() ? new PingRun(context, pinging.settings(output.interval), output.verbosity() > 0).run()
                    : fetch.parallel != 1 ? new ParallelReceive(context, fetch.parallel).run()
                    : fetch.list ? new CatalogueRun(context).run()
                    : new SingleReceive(context, view()).run();
            if (interruption.happened()) {
                console.result().failed("interrupted");
                return ExitCode.INTERRUPTED;
            }
            return code;
        }
    }

    /** Whether this run stores what arrives: not a catalogue, nor a ping run. */
    private boolean storesFiles() {
        return !fetch.list && !pinging.chosen();
    }

    private SingleReceive.View view() {
        return new SingleReceive.View(!output.noProgress, output.verbosity() > 0, stream.statsInterval, keys);
    }

    private Frame.Request request() {
        if (fetch.list) {
            return new Frame.Request(RequestKind.LIST, List.of(), fetch.excludes);
        }
        if (!fetch.get.isEmpty()) {
            return new Frame.Request(RequestKind.GET, fetch.get, fetch.excludes);
        }
        return new Frame.Request(RequestKind.FILES, List.of(), fetch.excludes);
    }

    private ReceiverSettings validated() {
        if (fetch.list && !fetch.get.isEmpty()) {
            throw usage("--list and --get cannot be used together");
        }
        if (pinging.chosen() && (fetch.list || !fetch.get.isEmpty() || listening.chosen || fetch.parallel != 1)) {
            throw usage("--ping cannot be combined with --list, --get, --listen or --parallel");
        }
        if (pinging.problem() != null) {
            throw usage(pinging.problem());
        }
        if (listening.chosen && (fetch.list || !fetch.get.isEmpty() || fetch.parallel != 1)) {
            throw usage("--listen cannot be combined with --list, --get or --parallel");
        }
        if (fetch.dryRun && (listening.chosen || fetch.list || pinging.chosen() || fetch.parallel != 1
                || storage.discard)) {
            throw usage("--dry-run applies only to a receiver that connects to fetch files, not with --listen, "
                    + "--list, --ping, --parallel or --discard");
        }
        if (listening.problem() != null) {
            throw usage(listening.problem());
        }
        if (connection.port == 0 && !listening.chosen) {
            throw usage("--port 0 (a free port) applies only with --listen; give the sender's port");
        }
        if (fetch.get.size() > FrameFormat.MAX_REQUESTED_NAMES) {
            throw usage("--get takes at most " + FrameFormat.MAX_REQUESTED_NAMES + " names");
        }
        for (String name : fetch.get) {
            String problem = EntryNames.problem(name);
            if (problem != null) {
                throw usage("--get '" + name + "': " + problem);
            }
        }
        if (fetch.excludesProblem() != null) {
            throw usage(fetch.excludesProblem());
        }
        if (pinging.chosen() && !fetch.excludes.isEmpty()) {
            throw usage("--exclude applies to files, not to --ping");
        }
        if (!fetch.get.isEmpty() || !fetch.excludes.isEmpty()) {
            try {
                request();
            } catch (IllegalArgumentException e) {
                throw usage((fetch.get.isEmpty() ? "--exclude: " : "--get: ") + e.getMessage());
            }
        }
        if (connection.problem() != null) {
            throw usage(connection.problem());
        }
        if (timeouts.problem() != null) {
            throw usage(timeouts.problem());
        }
        if (stream.statsInterval != null && stream.statsInterval.isZero()) {
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
        String stdoutProblem = storage.stdoutProblem(StdoutConflicts.of(spec.commandLine().getParseResult()));
        if (stdoutProblem != null) {
            throw usage(stdoutProblem);
        }
        if (fetch.parallel < 1 || fetch.parallel > MAX_PARALLEL) {
            throw usage("--parallel must be between 1 and " + MAX_PARALLEL + ", not " + fetch.parallel);
        }
        Ticket ticket = null;
        if (security.ticket != null) {
            try {
                ticket = Ticket.parse(security.ticket);
            } catch (IllegalArgumentException e) {
                throw usage("--ticket: " + e.getMessage());
            }
        }
        PeerAddress sender;
        try {
            sender = connection.sender(target, listening.chosen, ticket, spec.commandLine().getParseResult());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new ReceiverSettings(sender.host(), sender.port(), connection.retryPolicy(), connection.connectTimeout,
                timeouts.handshake, timeouts.idle, request(),
                new StoreSettings(storage.outputDir, storage.discard, storage.onExists, !storage.noFsync,
                        storage.checksum, fetch.dryRun, storage.stdout ? standardOutput.get() : null), timeouts.minRate,
                dev.txrx.common.transport.Security.PLAIN);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
