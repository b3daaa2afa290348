package dev.txrx.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.common.cli.BindAddress;
import dev.txrx.common.cli.CommandLines;
import dev.txrx.common.cli.ConnectOptions;
import dev.txrx.common.cli.DurationConverter;
import dev.txrx.common.cli.ExitCode;
import dev.txrx.common.cli.LogFileOptions;
import dev.txrx.common.cli.Logging;
import dev.txrx.common.cli.OutputOptions;
import dev.txrx.common.cli.PortConverter;
import dev.txrx.common.cli.SizeConverter;
import dev.txrx.common.cli.TimeoutOptions;
import dev.txrx.common.cli.VersionProvider;
import dev.txrx.common.io.ByteSizes;
import dev.txrx.common.io.Durations;
import dev.txrx.common.io.StallWatchdog;
import dev.txrx.common.net.ConnectFailedException;
import dev.txrx.common.net.Connector;
import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.session.JsonOutput;
import dev.txrx.common.session.ProgressDisplay;
import dev.txrx.common.session.TransferSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code receiver} command: connects to a sender, verifies every file and the session totals. */
@Command(name = "receiver", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Connects to a sender, retrying a bounded number of times, receives its files into the output "
                + "directory (each under a temporary name until its CRC32C verifies), and compares its totals "
                + "and session digest with the sender's. Exits 0 only if everything verified.",
            ""})
public final class ReceiverCommand implements Callable<Integer> {

    private static final int MAX_PARALLEL = 10_000;
    private static final int MAX_PROBLEMS_SHOWN = 5;
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-H", "--host"}, defaultValue = "127.0.0.1",
            description = "Sender's host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "47474", converter = PortConverter.class,
            description = "Sender's port (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--no-progress", description = "Do not draw a progress bar, even on a terminal.")
    boolean noProgress;

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

    @Option(names = "--listen", description = "Listen for senders that connect (sender --connect) and store "
            + "every upload, until stopped; --port and --bind say where.")
    boolean listen;

    @Option(names = {"-b", "--bind"}, defaultValue = "0.0.0.0",
            description = "With --listen: local address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--max-clients", defaultValue = "64",
            description = "With --listen: uploads taken at once; one more is told the receiver is busy "
                + "(default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--ping", paramLabel = "N",
            description = "Measure latency instead of receiving files: send N pings, one at a time, and print "
                + "round-trip percentiles (microseconds).")
    Integer ping;

    @Option(names = "--interval", defaultValue = "0", converter = DurationConverter.class,
            description = "With --ping: time between pings; 0 sends each as soon as the previous answer "
                + "arrives (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--size", defaultValue = "64", converter = SizeConverter.class,
            description = "With --ping: payload bytes of each ping, at least 32 (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--warmup", defaultValue = "1000",
            description = "With --ping: pings sent first and not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

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

    private final Set<ReceiverSession> running = ConcurrentHashMap.newKeySet();
    private final Supplier<KeySource> keys;

    /** A receiver whose keys come from the terminal, or from stdin lines when there is none. */
    public ReceiverCommand() {
        this(() -> System.console() != null ? new TerminalKeys() : new LineKeys(System.in));
    }

    /** A receiver whose keys come from {@code keys}; tests script them. */
    ReceiverCommand(Supplier<KeySource> keys) {
        this.keys = keys;
    }
    private volatile boolean interrupted;
    private volatile UploadServer listening;

    @Override
    public Integer call() throws Exception {
        ReceiverSettings settings = validated();
        Logging.configure("receiver", output.verbose, logFile);
        PrintWriter human = output.json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        CountDownLatch reported = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            interrupted = true;
            running.forEach(ReceiverSession::cancel);
            UploadServer server = listening;
            if (server != null) {
                server.close();
            }
            main.interrupt();
            try {
                reported.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exit regardless
            }
        }, "interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (StallWatchdog watchdog = new StallWatchdog()) {
            int code = listen ? listen(settings, watchdog, human)
                    : ping != null ? ping(settings, watchdog, human)
                    : parallel == 1 ? receiveOne(settings, watchdog, human) : receiveMany(settings, watchdog, human);
            return interrupted ? ExitCode.INTERRUPTED : code;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for the report printed above
            }
        }
    }

    /** {@code --listen}: store uploads until Ctrl-C. */
    private int listen(ReceiverSettings settings, StallWatchdog watchdog, PrintWriter human) throws IOException {
        UploadServer server;
        try {
            server = UploadServer.open(bind, settings, maxClients, watchdog);
        } catch (BindException e) {
            spec.commandLine().getErr().println("receiver: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.LISTEN_FAILED;
        }
        listening = server;
        try (server) {
            human.println("receiver listening on " + bind + ":" + server.address().getPort() + ", storing uploads in "
                    + settings.outputDir() + " (Ctrl-C to stop)");
            human.flush();
            server.serve((peer, result) -> {
                synchronized (human) {
                    human.println("upload from " + peer + ":");
                    report(result, human);
                }
            });
        }
        return ExitCode.OK;
    }

    /** {@code --ping}: a latency run against the sender. */
    private int ping(ReceiverSettings settings, StallWatchdog watchdog, PrintWriter human) throws InterruptedException {
        PingSettings run = new PingSettings(ping, warmup, interval, (int) size);
        String target = host + ":" + port;
        Connector connector = connector(settings, true);
        PingResult result;
        try {
            while (true) {
                SocketChannel socket = connector.connect(host, port);
                result = new PingSession(socket, target, settings, run, watchdog, reply -> {
                    if (output.verbose) {
                        synchronized (human) {
                            human.printf(Locale.ROOT, "%s seq=%d id=%s rtt=%.1f us sender-delta=%.3f ms%n",
                                    reply.warmup() ? "warmup" : "reply", reply.sequence(), reply.id(),
                                    reply.rttNanos() / 1e3, reply.senderDeltaNanos() / 1e6);
                        }
                    }
                }).run();
                if (result.problem() == null || !result.problem().startsWith("sender reported BUSY")) {
                    break;
                }
                connector.retryLater(target, result.problem());
            }
        } catch (ConnectFailedException e) {
            spec.commandLine().getErr().println("receiver: " + e.getMessage() + "; is the sender running?");
            spec.commandLine().getErr().flush();
            return ExitCode.CONNECT_FAILED;
        }
        PingReport.print(result, run, target, human);
        if (output.json) {
            JsonOutput.print(spec.commandLine().getOut(), PingReport.json(result, run, target));
        }
        return result.problem() == null && result.lost() == 0 && result.mismatched() == 0 ? ExitCode.OK
                : ExitCode.FAILED;
    }

    private int receiveOne(ReceiverSettings settings, StallWatchdog watchdog, PrintWriter human) {
        ReceiveResult result;
        try (ProgressDisplay display = ProgressDisplay.create("receiving", !noProgress, System.err);
             KeySource keySource = keys.get()) {
            TrickleView trickle = new TrickleView(human, output.verbose, keySource, statsInterval);
            result = receive(settings, watchdog, true, (files, bytes) ->
                    display.update(bytes, " " + files + " files verified"), trickle);
        } catch (ConnectFailedException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("receiver: " + e.getMessage() + "; is the sender running?");
            err.flush();
            return ExitCode.CONNECT_FAILED;
        } catch (InterruptedException e) {
            human.println("receiver: interrupted before a session started");
            human.flush();
            return ExitCode.INTERRUPTED;
        }
        report(result, human);
        if (result.verified() && result.missing().isEmpty()) {
            return ExitCode.OK;
        }
        return result.resumable() && !interrupted ? ExitCode.RESUMABLE : ExitCode.FAILED;
    }

    /** {@code --parallel}: as many sessions at once, each with its own connection, connector and directory. */
    private int receiveMany(ReceiverSettings settings, StallWatchdog watchdog, PrintWriter human)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<ReceiveResult>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int k = 1; k <= parallel; k++) {
            ReceiverSettings own = settings.discard() ? settings
                    : settings.withOutputDir(settings.outputDir().resolve("session-" + k));
            futures.add(pool.submit(() -> receive(own, watchdog, false, (files, bytes) -> { }, null)));
        }
        pool.shutdown();
        long verified = 0;
        long files = 0;
        long bytes = 0;
        List<String> problems = new ArrayList<>();
        for (Future<ReceiveResult> future : futures) {
            try {
                ReceiveResult result = future.get();
                verified += result.verified() ? 1 : 0;
                files += result.summary().files();
                bytes += result.summary().bytes();
                if (!result.verified()) {
                    problems.add(result.problem());
                }
            } catch (ExecutionException e) {
                problems.add(CommandLines.describe(e.getCause()));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        double seconds = elapsed.toNanos() / 1e9;
        human.printf(Locale.ROOT, "%d of %d sessions verified; received %d files, %d bytes (%s) in %.2f s (%s)%n",
                verified, parallel, files, bytes, ByteSizes.format(bytes), seconds, ByteSizes.formatRate(bytes / seconds));
        problems.stream().distinct().limit(MAX_PROBLEMS_SHOWN)
                .forEach(problem -> human.println("  not verified: " + problem));
        human.flush();
        if (output.json) {
            ObjectNode node = JsonOutput.object();
            node.put("role", "receiver");
            node.put("sessions", parallel);
            node.put("verifiedSessions", verified);
            node.put("files", files);
            node.put("bytes", bytes);
            node.put("seconds", seconds);
            node.put("bytesPerSecond", Math.round(bytes / seconds));
            JsonOutput.print(spec.commandLine().getOut(), node);
        }
        return verified == parallel ? ExitCode.OK : ExitCode.FAILED;
    }

    /** A connector for one session, printing each failed attempt when {@code sayRetries}. */
    private Connector connector(ReceiverSettings settings, boolean sayRetries) {
        PrintWriter err = spec.commandLine().getErr();
        String target = host + ":" + port;
        return new Connector(settings.retry(), settings.connectTimeout(),
                (attempt, left, reason, delay) -> {
                    if (sayRetries) {
                        err.println("receiver: " + target + ": " + reason + "; retrying in " + Durations.format(delay)
                                + ", " + left + (left == 1 ? " attempt" : " attempts") + " left");
                        err.flush();
                    }
                },
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** Connects (within the retry budget, which a busy sender also spends) and runs one session. */
    private ReceiveResult receive(ReceiverSettings settings, StallWatchdog watchdog, boolean sayRetries,
                                  ReceiverSession.Progress progress, TrickleView trickle)
            throws ConnectFailedException, InterruptedException {
        String target = host + ":" + port;
        Connector connector = connector(settings, sayRetries);
        ResumeState resume = resumeState(settings, target);
        if (resume.session() != null && sayRetries) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("receiver: resuming the interrupted session in " + settings.outputDir() + ": "
                    + resume.verified().size() + " files already verified"
                    + (resume.partial() != null ? ", " + resume.partial().name() + " in part" : ""));
            err.flush();
        }
        ReceiveResult last = null;
        while (true) {
            SocketChannel socket;
            try {
                socket = connector.connect(host, port);
            } catch (ConnectFailedException e) {
                if (last == null) {
                    throw e;
                }
                // Connected before, so what arrived is kept and the next run resumes it.
                return last.withProblem(last.problem() + "; " + e.getMessage()
                        + "; run the same command again to resume");
            }
            ReceiverSession session = new ReceiverSession(socket, target, settings, watchdog, progress, trickle,
                    resume);
            running.add(session);
            ReceiveResult result;
            try {
                if (interrupted) {
                    session.cancel();
                }
                result = session.run();
            } finally {
                running.remove(session);
            }
            if (result.verified()) {
                resume.finished();
            }
            if (interrupted) {
                return result;
            }
            if (result.resumable()) {
                // A lost connection, or a file that failed its checksum: go on where it stopped.
                last = result.withReconnections(resume.reconnections() + 1, resume.resentBytes());
                resume.reconnected();
                try {
                    connector.retryLater(target, result.problem());
                } catch (ConnectFailedException e) {
                    return last.withProblem(last.problem() + "; " + e.getMessage()
                            + "; run the same command again to resume");
                }
                continue;
            }
            if (!result.senderBusy()) {
                return result.withReconnections(resume.reconnections(), resume.resentBytes());
            }
            connector.retryLater(target, result.problem());
        }
    }

    /** The resume state of a FILES or GET session: saved in the output directory, or in memory with --discard. */
    private static ResumeState resumeState(ReceiverSettings settings, String target) {
        String request = settings.request().kind() + " " + String.join("\n", settings.request().names());
        if (settings.discard() || !(settings.request().kind() == RequestKind.FILES
                || settings.request().kind() == RequestKind.GET)) {
            return ResumeState.inMemory(target, request);
        }
        return ResumeState.open(settings.outputDir(), target, request);
    }

    private void report(ReceiveResult result, PrintWriter human) {
        if (list && result.verified()) {
            printCatalogue(result.catalogue(), human);
            return;
        }
        if (result.stream() != null) {
            reportStream(result, human);
            return;
        }
        human.println(result.summary().line());
        if (result.reconnections() > 0) {
            human.println("resumed after " + result.reconnections()
                    + (result.reconnections() == 1 ? " reconnection; " : " reconnections; ")
                    + result.resentBytes() + " bytes arrived more than once");
        }
        Frame.SessionEnd end = result.senderEnd();
        if (end != null) {
            human.println(new TransferSummary("sender reported", end.files(), end.bytes(),
                    result.summary().elapsed(), end.digest()).line().replaceFirst(" in .* s \\(.*\\),", ","));
        }
        for (String name : result.missing()) {
            human.println("not found on the sender: " + name);
        }
        if (result.verified()) {
            human.println("verified: every file passed CRC32C, totals and digest match the sender");
        } else if (interrupted) {
            human.println("NOT verified: interrupted; " + result.summary().files()
                    + " verified files kept; run the same command again to resume");
        } else {
            human.println("NOT verified: " + result.problem());
        }
        human.flush();
        if (output.json) {
            ObjectNode node = JsonOutput.of(result.summary());
            node.put("role", "receiver");
            node.put("verified", result.verified());
            node.put("failedFiles", result.failedFiles());
            node.put("reconnections", result.reconnections());
            node.put("resentBytes", result.resentBytes());
            if (end != null) {
                ObjectNode sender = node.putObject("sender");
                sender.put("status", end.status().name().toLowerCase(java.util.Locale.ROOT));
                sender.put("files", end.files());
                sender.put("bytes", end.bytes());
                sender.put("digest", HexFormat.of().formatHex(end.digest()));
            }
            if (result.problem() != null) {
                node.put("problem", result.problem());
            }
            if (!result.missing().isEmpty()) {
                result.missing().forEach(node.putArray("missing")::add);
            }
            JsonOutput.print(spec.commandLine().getOut(), node);
        }
    }

    private void reportStream(ReceiveResult result, PrintWriter human) {
        TrickleView.Totals stream = result.stream();
        human.println("received " + stream.symbols() + " symbols; statistics shown " + stream.statistics()
                + (stream.statistics() == 1 ? " time; " : " times; ")
                + (stream.left() ? "left the stream" : interrupted ? "interrupted" : result.problem()));
        human.flush();
        if (output.json) {
            ObjectNode node = JsonOutput.object();
            node.put("role", "receiver");
            node.put("mode", "trickle");
            node.put("symbols", stream.symbols());
            node.put("statistics", stream.statistics());
            node.put("left", stream.left());
            if (result.problem() != null) {
                node.put("problem", result.problem());
            }
            JsonOutput.print(spec.commandLine().getOut(), node);
        }
    }

    private void printCatalogue(List<Frame.Entry> entries, PrintWriter human) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
        long files = 0;
        long bytes = 0;
        for (Frame.Entry entry : entries) {
            String mtime = entry.mtimeMillis() > 0 ? time.format(Instant.ofEpochMilli(entry.mtimeMillis())) : "-";
            if (entry.directory()) {
                human.printf(Locale.ROOT, "%15s  %s  %s/%n", "-", mtime, entry.name());
            } else {
                human.printf(Locale.ROOT, "%15d  %s  %s%n", entry.size(), mtime, entry.name());
                files++;
                bytes += entry.size();
            }
        }
        human.println(files + " files, " + bytes + " bytes (" + ByteSizes.format(bytes) + ") in "
                + (entries.size() - files) + " directories");
        human.flush();
        if (output.json) {
            ObjectNode node = JsonOutput.object();
            node.put("role", "receiver");
            var array = node.putArray("entries");
            for (Frame.Entry entry : entries) {
                ObjectNode item = array.addObject();
                item.put("name", entry.name());
                item.put("directory", entry.directory());
                item.put("size", entry.size());
                item.put("mtimeMillis", entry.mtimeMillis());
                item.put("mode", entry.mode());
            }
            JsonOutput.print(spec.commandLine().getOut(), node);
        }
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
        if (ping != null && (list || !get.isEmpty() || listen || parallel != 1)) {
            throw usage("--ping cannot be combined with --list, --get, --listen or --parallel");
        }
        if (ping != null && ping < 1) {
            throw usage("--ping must be at least 1, not " + ping);
        }
        if (warmup < 0) {
            throw usage("--warmup must not be negative");
        }
        if (size < PingSettings.MIN_PAYLOAD || size > PingSettings.MAX_PAYLOAD) {
            throw usage("--size must be between " + PingSettings.MIN_PAYLOAD + " and " + PingSettings.MAX_PAYLOAD
                    + " bytes, not " + size);
        }
        if (listen && (list || !get.isEmpty() || parallel != 1)) {
            throw usage("--listen cannot be combined with --list, --get or --parallel");
        }
        if (maxClients < 1) {
            throw usage("--max-clients must be at least 1, not " + maxClients);
        }
        if (listen) {
            if (BindAddress.problem(bind) != null) {
            throw usage(BindAddress.problem(bind));
        }
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
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw usage("--parallel must be between 1 and " + MAX_PARALLEL + ", not " + parallel);
        }
        return new ReceiverSettings(host, port, connection.retryPolicy(), connection.connectTimeout,
                timeouts.handshake, timeouts.idle, outputDir, discard, onExists, request(), !noFsync);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
