package dev.txrx.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandLines;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.cli.report.JsonOutput;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code receiver --parallel}: as many sessions at once, each with its own connection, retry budget
 * and directory ({@code <output-dir>/session-<k>}), then one line for all of them.
 */
final class ParallelReceive {

    private static final int MAX_PROBLEMS_SHOWN = 5;

    private final ReceiverSettings settings;
    private final int sessions;
    private final StallWatchdog watchdog;
    private final Interruption interruption;
    private final CommandOutput output;

    ParallelReceive(ReceiverSettings settings, int sessions, StallWatchdog watchdog, Interruption interruption,
                    CommandOutput output) {
        this.settings = settings;
        this.sessions = sessions;
        this.watchdog = watchdog;
        this.interruption = interruption;
        this.output = output;
    }

    /** Runs the sessions and prints their aggregate; the exit code. */
    int run() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<ReceiveResult>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int k = 1; k <= sessions; k++) {
            ReceiverSettings own = settings.discard() ? settings
                    : settings.withOutputDir(settings.outputDir().resolve("session-" + k));
            RetryingReceiver receiver = new RetryingReceiver(own, watchdog, interruption, output.err(), false);
            futures.add(pool.submit(() -> receiver.receive((files, bytes) -> { }, null)));
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
        PrintWriter human = output.human();
        human.printf(Locale.ROOT, "%d of %d sessions verified; received %d files, %d bytes (%s) in %.2f s (%s)%n",
                verified, sessions, files, bytes, ByteSizes.format(bytes), seconds,
                ByteSizes.formatRate(bytes / seconds));
        problems.stream().distinct().limit(MAX_PROBLEMS_SHOWN)
                .forEach(problem -> human.println("  not verified: " + problem));
        human.flush();
        if (output.json()) {
            ObjectNode node = JsonOutput.object();
            node.put("role", "receiver");
            node.put("sessions", sessions);
            node.put("verifiedSessions", verified);
            node.put("files", files);
            node.put("bytes", bytes);
            node.put("seconds", seconds);
            node.put("bytesPerSecond", Math.round(bytes / seconds));
            JsonOutput.print(output.out(), node);
        }
        return verified == sessions ? ExitCode.OK : ExitCode.FAILED;
    }
}
