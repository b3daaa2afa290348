package dev.txrx.sender;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.common.cli.BindAddress;
import dev.txrx.common.cli.ConnectOptions;
import dev.txrx.common.cli.ExitCode;
import dev.txrx.common.cli.HostPortConverter;
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
import dev.txrx.common.session.JsonOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
                + "the output directory as file_<n>.bits and streams it as soon as it is written, then "
                + "ends with totals and a session digest that the receiver verifies.",
            ""})
public final class SenderCommand implements Callable<Integer> {

    private static final Duration TRICKLE_MIN_PAUSE = Duration.ofSeconds(1);
    private static final Duration TRICKLE_MAX_PAUSE = Duration.ofSeconds(3);

    /** The default port of both apps. */
    public static final String DEFAULT_PORT = "47474";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-p", "--port"}, defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-b", "--bind"}, defaultValue = "0.0.0.0",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String bind;

    @Option(names = "--send", arity = "1..*", paramLabel = "PATH",
            description = "Send these files and directories (recursively, with their relative paths) instead "
                + "of generated files.")
    List<Path> sendPaths = new ArrayList<>();

    @Option(names = "--connect", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Connect to a receiver that listens (receiver --listen) and send to it, instead of "
                + "listening; exits after that one session.")
    InetSocketAddress connect;

    @Mixin
    ConnectOptions connection;

    @Option(names = "--trickle",
            description = "Stream bursts of random printable characters at random pauses to each receiver, "
                + "until it leaves, instead of files. Pauses follow --min-interval/--max-interval, which "
                + "default to 1s and 3s in this mode.")
    boolean trickle;

    @Option(names = "--min-burst", defaultValue = "1",
            description = "With --trickle: fewest characters in a burst (default: ${DEFAULT-VALUE}).")
    int minBurst;

    @Option(names = "--max-burst", defaultValue = "8",
            description = "With --trickle: most characters in a burst, at most 1024 (default: ${DEFAULT-VALUE}).")
    int maxBurst;

    @Option(names = {"-n", "--count"}, defaultValue = "100",
            description = "Files to generate for each receiver (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--min-size", defaultValue = "1K", converter = SizeConverter.class,
            description = "Smallest file, e.g. 512, 64K, 10M (default: ${DEFAULT-VALUE}).")
    long minSize;

    @Option(names = "--max-size", defaultValue = "1000K", converter = SizeConverter.class,
            description = "Largest file (default: ${DEFAULT-VALUE}).")
    long maxSize;

    @Option(names = "--min-interval", defaultValue = "1ms",
            description = "Shortest pause before each file after the first, e.g. 0, 250ms, 2s (default: ${DEFAULT-VALUE}).")
    Duration minInterval;

    @Option(names = "--max-interval", defaultValue = "1000ms",
            description = "Longest pause (default: ${DEFAULT-VALUE}).")
    Duration maxInterval;

    @Option(names = "--seed",
            description = "Seed for sizes, pauses and content: the same seed gives the same files. "
                + "Default: a new random seed for each receiver.")
    Long seed;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "outputs",
            description = "Where generated files are written (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--once", description = "Exit after serving one receiver; the exit code says whether it verified.")
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

    private volatile boolean stopping;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SenderSettings settings = validated();
        Logging.configure("sender", output.verbose, logFile);
        PrintWriter human = output.json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        PrintWriter json = spec.commandLine().getOut();
        if (connect != null) {
            return connectAndSend(settings, human, json);
        }
        SenderServer server;
        try {
            server = SenderServer.open(settings);
        } catch (BindException e) {
            spec.commandLine().getErr().println("sender: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.LISTEN_FAILED;
        }
        Totals totals = new Totals();
        Thread hook = new Thread(() -> {
            stopping = true;
            synchronized (human) {
                human.println("sender shutting down: stopping " + server.activeSessions() + " sessions");
                human.flush();
            }
            server.shutdown("sender shutting down");
            synchronized (human) {
                human.println("sender stopped; " + totals.line());
                human.flush();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (server) {
            human.println("sender listening on " + bind + ":" + server.address().getPort() + "; " + offer(settings));
            human.println("waiting for a receiver" + (once ? "" : " (Ctrl-C to stop)"));
            human.flush();
            SessionOutcome first = server.serve(new SenderServer.Listener() {
                @Override
                public void started(String peer) {
                    synchronized (human) {
                        human.println("receiver " + peer + " connected");
                        human.flush();
                    }
                }

                @Override
                public void finished(SessionOutcome outcome) {
                    totals.add(outcome);
                    report(outcome, human, json);
                }
            });
            if (once) {
                return first != null && first.succeeded() ? ExitCode.OK : ExitCode.FAILED;
            }
            return ExitCode.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; it prints the totals
            }
        }
    }

    /** {@code --connect}: one session with a listening receiver. */
    private int connectAndSend(SenderSettings settings, PrintWriter human, PrintWriter json)
            throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String target = connect.getHostString() + ":" + connect.getPort();
        Connector connector = new Connector(connection.retryPolicy(), connection.connectTimeout,
                (attempt, left, reason, delay) -> {
                    err.println("sender: " + target + ": " + reason + "; retrying in " + Durations.format(delay) + ", "
                            + left + (left == 1 ? " attempt" : " attempts") + " left");
                    err.flush();
                },
                duration -> Thread.sleep(duration.toMillis()));
        ExecutorService checksums = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "checksum");
            thread.setDaemon(true);
            return thread;
        });
        try (StallWatchdog watchdog = new StallWatchdog()) {
            ContentSource source = SenderServer.contentSource(settings, checksums);
            SessionRegistry sessions = new SessionRegistry();
            while (true) {
                SocketChannel socket;
                try {
                    socket = connector.connect(connect.getHostString(), connect.getPort());
                } catch (ConnectFailedException e) {
                    err.println("sender: " + e.getMessage() + "; is the receiver listening (receiver --listen)?");
                    err.flush();
                    return ExitCode.CONNECT_FAILED;
                }
                human.println("connected to receiver " + target + "; sending");
                human.flush();
                SessionOutcome outcome = sendOnce(new SenderSession(socket, target, settings, watchdog, source, sessions));
                if (!outcome.peerBusy()) {
                    report(outcome, human, json);
                    return outcome.succeeded() ? ExitCode.OK : ExitCode.FAILED;
                }
                try {
                    // A busy receiver costs an attempt of the same budget as a refused connection.
                    connector.retryLater(target, outcome.problem());
                } catch (ConnectFailedException e) {
                    err.println("sender: " + e.getMessage());
                    err.flush();
                    return ExitCode.CONNECT_FAILED;
                }
            }
        } finally {
            checksums.shutdownNow();
        }
    }

    /** Runs one session, stopping it cleanly on Ctrl-C or SIGTERM. */
    private static SessionOutcome sendOnce(SenderSession session) {
        CountDownLatch ended = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            session.stop("sender shutting down");
            try {
                // Give the session time to send its SESSION_END before the JVM goes.
                ended.await(SenderSettings.STOP_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // exit regardless
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return session.run();
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is stopping the session
            }
        }
    }

    /** What every session so far sent, for the line printed at shutdown. */
    private static final class Totals {
        private long sessions;
        private long confirmed;
        private long files;
        private long bytes;

        synchronized void add(SessionOutcome outcome) {
            sessions++;
            confirmed += outcome.succeeded() ? 1 : 0;
            files += outcome.summary().files();
            bytes += outcome.summary().bytes();
        }

        synchronized String line() {
            return "served " + sessions + (sessions == 1 ? " receiver" : " receivers") + " (" + confirmed
                    + " confirmed), sent " + files + " files, " + bytes + " bytes (" + ByteSizes.format(bytes)
                    + ") in total";
        }
    }

    private void report(SessionOutcome outcome, PrintWriter human, PrintWriter json) {
        synchronized (human) {
            if (outcome.activity() != null) {
                human.println("receiver " + outcome.peer() + ": " + outcome.activity()
                        + (outcome.problem() == null ? "" : " (" + outcome.problem() + ")"));
            } else {
                human.println(outcome.summary().line());
                if (outcome.resume() != null) {
                    human.println(outcome.resume());
                }
            }
            if (outcome.activity() != null) {
                // a session without files has nothing to confirm
            } else if (outcome.succeeded()) {
                human.println("receiver " + outcome.peer() + " confirmed: totals and digest match");
            } else {
                human.println("receiver " + outcome.peer() + " did NOT confirm the session: " + outcome.problem());
            }
            if (!once && !stopping && connect == null) {
                human.println("waiting for a receiver (Ctrl-C to stop)");
            }
            human.flush();
        }
        if (output.json) {
            ObjectNode node = JsonOutput.of(outcome.summary());
            node.put("role", "sender");
            node.put("peer", outcome.peer());
            node.put("confirmed", outcome.succeeded());
            if (outcome.activity() != null) {
                node.put("activity", outcome.activity());
            }
            if (outcome.problem() != null) {
                node.put("problem", outcome.problem());
            }
            synchronized (json) {
                JsonOutput.print(json, node);
            }
        }
    }

    private SenderSettings validated() {
        if (count < 0) {
            throw usage("--count must be 0 or more, not " + count);
        }
        if (maxSize < minSize) {
            throw usage("--min-size " + ByteSizes.format(minSize) + " is above --max-size " + ByteSizes.format(maxSize));
        }
        if (maxSize == Long.MAX_VALUE) {
            throw usage("--max-size is too large");
        }
        if (maxInterval.compareTo(minInterval) < 0) {
            throw usage("--min-interval " + Durations.format(minInterval) + " is above --max-interval "
                    + Durations.format(maxInterval));
        }
        if (rate != null && rate <= 0) {
            throw usage("--rate must be above 0");
        }
        if (maxClients < 1) {
            throw usage("--max-clients must be at least 1, not " + maxClients);
        }
        if (timeouts.problem() != null) {
            throw usage(timeouts.problem());
        }
        if (logFile.problem() != null) {
            throw usage(logFile.problem());
        }
        if (BindAddress.problem(bind) != null) {
            throw usage(BindAddress.problem(bind));
        }
        if (connection.problem() != null) {
            throw usage(connection.problem());
        }
        String sendProblem = LocalTree.problem(sendPaths);
        if (sendProblem != null) {
            throw usage(sendProblem);
        }
        TrickleSettings stream = null;
        if (trickle) {
            if (!sendPaths.isEmpty()) {
                throw usage("--trickle and --send cannot be used together");
            }
            if (minBurst < 1 || maxBurst < minBurst || maxBurst > TrickleSettings.MAX_BURST) {
                throw usage("--min-burst and --max-burst must satisfy 1 <= min <= max <= " + TrickleSettings.MAX_BURST);
            }
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            Duration pauseMin = parsed.hasMatchedOption("--min-interval") ? minInterval : TRICKLE_MIN_PAUSE;
            Duration pauseMax = parsed.hasMatchedOption("--max-interval") ? maxInterval
                    : pauseMin.compareTo(TRICKLE_MAX_PAUSE) > 0 ? pauseMin : TRICKLE_MAX_PAUSE;
            if (pauseMax.compareTo(pauseMin) < 0) {
                throw usage("--min-interval " + Durations.format(pauseMin) + " is above --max-interval "
                        + Durations.format(pauseMax));
            }
            stream = new TrickleSettings(minBurst, maxBurst, pauseMin, pauseMax);
        }
        return new SenderSettings(bind, port, sendPaths, new GeneratorSettings(count, minSize, maxSize, minInterval, maxInterval),
                seed, outputDir, once, rate == null ? 0 : rate, maxClients, timeouts.handshake, timeouts.idle, stream);
    }

    private String offer(SenderSettings settings) {
        if (settings.trickle() != null) {
            TrickleSettings t = settings.trickle();
            return "streaming bursts of " + t.minBurst() + " to " + t.maxBurst() + " characters every "
                    + Durations.format(t.minPause()) + " to " + Durations.format(t.maxPause()) + " to each receiver";
        }
        if (settings.sendsFiles()) {
            return "sending " + settings.sendPaths().stream().map(Path::toString).collect(Collectors.joining(", "));
        }
        return "writing to " + settings.outputDir() + "; " + count + " files of " + ByteSizes.format(minSize) + " to "
                + ByteSizes.format(maxSize) + " per receiver";
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
