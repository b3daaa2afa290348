package dev.txrx.sender.cli;

import dev.txrx.cli.BindAddress;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ConnectOptions;
import dev.txrx.cli.HostPortConverter;
import dev.txrx.cli.LogFileOptions;
import dev.txrx.cli.Logging;
import dev.txrx.cli.OutputOptions;
import dev.txrx.cli.PortConverter;
import dev.txrx.cli.SizeConverter;
import dev.txrx.cli.TimeoutOptions;
import dev.txrx.cli.VersionProvider;
import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Durations;
import dev.txrx.sender.content.GeneratorSettings;
import dev.txrx.sender.content.LocalTree;
import dev.txrx.sender.conversation.TrickleSettings;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--no-save",
            description = "Do not write generated files to the output directory: generate each one in memory as "
                + "it is sent (memory to memory, like iperf3). The receiver still verifies every file's CRC32C "
                + "and the session digest. Not with --send or --trickle.")
    boolean noSave;

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

    @Override
    public Integer call() throws IOException, InterruptedException {
        SenderSettings settings = validated();
        Logging.configure("sender", output.verbose, logFile);
        CommandOutput console = CommandOutput.of(spec.commandLine(), output);
        if (connect != null) {
            return new ConnectingSender(settings, connect, connection.retryPolicy(), connection.connectTimeout,
                    console).run();
        }
        return new ListeningSender(settings, console).run();
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
        if (noSave && !sendPaths.isEmpty()) {
            throw usage("--no-save applies to generated files only; it cannot be used with --send");
        }
        if (noSave && trickle) {
            throw usage("--no-save applies to generated files only; it cannot be used with --trickle");
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
                seed, outputDir, !noSave, once, rate == null ? 0 : rate, maxClients, timeouts.handshake, timeouts.idle, stream);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
