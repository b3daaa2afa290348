package dev.txrx.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.common.cli.DurationConverter;
import dev.txrx.common.cli.ExitCode;
import dev.txrx.common.cli.Logging;
import dev.txrx.common.cli.OutputOptions;
import dev.txrx.common.cli.PortConverter;
import dev.txrx.common.cli.VersionProvider;
import dev.txrx.common.io.Durations;
import dev.txrx.common.io.StallWatchdog;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.session.JsonOutput;
import dev.txrx.common.session.ProgressDisplay;
import dev.txrx.common.session.TransferSummary;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
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

    @Spec
    private CommandSpec spec;

    @Option(names = {"-H", "--host"}, defaultValue = "127.0.0.1",
            description = "Sender's host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "47474", converter = PortConverter.class,
            description = "Sender's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--retries", defaultValue = "10",
            description = "Connection attempts before giving up (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--retry-delay", defaultValue = "500ms", converter = DurationConverter.class,
            description = "Pause after the first failed attempt; it doubles after each one (default: ${DEFAULT-VALUE}).")
    Duration retryDelay;

    @Option(names = "--max-retry-delay", defaultValue = "5s", converter = DurationConverter.class,
            description = "Longest pause between attempts (default: ${DEFAULT-VALUE}).")
    Duration maxRetryDelay;

    @Option(names = "--connect-timeout", defaultValue = "5s", converter = DurationConverter.class,
            description = "Give up on one connection attempt after this long (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Give up when the sender sends nothing for this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "received",
            description = "Where verified files are written (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--discard", description = "Verify and count the files without writing them.")
    boolean discard;

    @Option(names = "--no-progress", description = "Do not draw a progress bar, even on a terminal.")
    boolean noProgress;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        ReceiverSettings settings = validated();
        Logging.configure(output.verbose);
        PrintWriter human = output.json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Connector connector = new Connector(settings.retry(), settings.connectTimeout(),
                (attempt, left, reason, delay) -> {
                    err.println("receiver: cannot connect to " + host + ":" + port + " (" + reason + "); retrying in "
                            + Durations.format(delay) + ", " + left + (left == 1 ? " attempt" : " attempts") + " left");
                    err.flush();
                },
                duration -> Thread.sleep(duration.toMillis()));
        SocketChannel socket;
        try {
            socket = connector.connect(host, port);
        } catch (ConnectFailedException e) {
            err.println("receiver: " + e.getMessage() + "; is the sender running?");
            err.flush();
            return ExitCode.CONNECT_FAILED;
        }
        ReceiveResult result;
        try (StallWatchdog watchdog = new StallWatchdog();
             ProgressDisplay display = ProgressDisplay.create("receiving", !noProgress, System.err)) {
            ReceiverSession session = new ReceiverSession(socket, host + ":" + port, settings, watchdog,
                    (files, bytes) -> display.update(bytes, " " + files + " files verified"));
            result = session.run();
        }
        report(result, human);
        return result.verified() ? ExitCode.OK : ExitCode.FAILED;
    }

    private void report(ReceiveResult result, PrintWriter human) {
        human.println(result.summary().line());
        Frame.SessionEnd end = result.senderEnd();
        if (end != null) {
            human.println(new TransferSummary("sender reported", end.files(), end.bytes(),
                    result.summary().elapsed(), end.digest()).line().replaceFirst(" in .* s \\(.*\\),", ","));
        }
        if (result.verified()) {
            human.println("verified: every file passed CRC32C, totals and digest match the sender");
        } else {
            human.println("NOT verified: " + result.problem());
        }
        human.flush();
        if (output.json) {
            ObjectNode node = JsonOutput.of(result.summary());
            node.put("role", "receiver");
            node.put("verified", result.verified());
            node.put("failedFiles", result.failedFiles());
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
            JsonOutput.print(spec.commandLine().getOut(), node);
        }
    }

    private ReceiverSettings validated() {
        if (retries < 1) {
            throw usage("--retries must be at least 1, not " + retries);
        }
        if (host.isBlank()) {
            throw usage("--host must not be empty");
        }
        if (maxRetryDelay.compareTo(retryDelay) < 0) {
            throw usage("--retry-delay " + Durations.format(retryDelay) + " is above --max-retry-delay "
                    + Durations.format(maxRetryDelay));
        }
        if (connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw usage("--connect-timeout must be between 1ms and 24 days");
        }
        if (idleTimeout.isZero()) {
            throw usage("--idle-timeout must be above 0");
        }
        return new ReceiverSettings(host, port, new RetryPolicy(retries, retryDelay, maxRetryDelay), connectTimeout,
                idleTimeout, outputDir, discard);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
