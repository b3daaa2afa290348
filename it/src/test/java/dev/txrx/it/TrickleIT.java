package dev.txrx.it;

import dev.txrx.receiver.cli.TrickleOutput;
import dev.txrx.receiver.cli.ScriptedKeys;
import dev.txrx.receiver.cli.TrickleView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.sender.conversation.SessionOutcome;
import dev.txrx.sender.conversation.TrickleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Trickle streams ({@code sender --trickle}) to in-process receivers whose keys the test scripts. */
@Timeout(30)
class TrickleIT {

    @TempDir
    Path dir;

    @Test
    void everyStatisticsAnswerCountsExactlyTheTextBeforeIt() throws Exception {
        try (InProcessSender sender = trickleSender()) {
            ScriptedKeys keys = ScriptedKeys.paced(Duration.ofMillis(150), "ssssq");

            CommandRun run = CommandRun.receiver(keys, "--port", String.valueOf(sender.port()), "--no-log-file");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            List<TrickleOutput.Statistics> statistics = TrickleOutput.statistics(run.out());
            assertThat(statistics).hasSize(4);
            TrickleOutput.assertConsistent(statistics);
            assertThat(statistics.get(0).received()).as("the first TEXT comes before any answer").isPositive();
            TrickleOutput.Summary summary = TrickleOutput.summary(run.out());
            assertThat(summary.statistics()).isEqualTo(4);
            assertThat(summary.how()).isEqualTo("left the stream");
            assertThat(summary.symbols()).isGreaterThanOrEqualTo(statistics.get(3).total());
            assertThat(run.out()).as("the connection first").startsWith(connectedOverTls(sender));
            assertThat(run.out().lines().skip(1).findFirst()).as("then the hint").hasValue(TrickleView.HINT);
            assertThat(keys.closed()).as("the receiver gives its keys back").isTrue();

            sender.awaitOutcomes(1);
            SessionOutcome outcome = sender.outcomes.get(0);
            assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
            assertThat(outcome.activity()).as("the receiver read every symbol the sender streamed")
                    .isEqualTo("streamed " + summary.symbols() + " symbols; the receiver left");
        }
    }

    @Test
    void thirtyReceiversAtOnceEachLeaveCleanly() throws Exception {
        int receivers = 30;
        ExecutorService pool = Executors.newFixedThreadPool(receivers);
        try (InProcessSender sender = trickleSender()) {
            String port = String.valueOf(sender.port());
            List<Future<CommandRun>> runs = new ArrayList<>();
            for (int k = 0; k < receivers; k++) {
                // Half press 's' themselves; half ask every 50 ms and quit after a while.
                boolean pressing = k % 2 == 0;
                ScriptedKeys keys = pressing ? ScriptedKeys.paced(Duration.ofMillis(100 + 10 * k), "ssq")
                        : ScriptedKeys.paced(Duration.ofMillis(200 + 10 * k), "q");
                String[] args = pressing ? new String[] {"--port", port, "--no-log-file"}
                        : new String[] {"--port", port, "--no-log-file", "--stats-interval", "50ms"};
                runs.add(pool.submit(() -> CommandRun.receiver(keys, args)));
            }
            for (Future<CommandRun> future : runs) {
                CommandRun run = future.get(20, TimeUnit.SECONDS);
                assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
                assertThat(TrickleOutput.summary(run.out()).how()).isEqualTo("left the stream");
                List<TrickleOutput.Statistics> statistics = TrickleOutput.statistics(run.out());
                assertThat(statistics).as(run.out()).isNotEmpty();
                TrickleOutput.assertConsistent(statistics);
            }
            sender.awaitOutcomes(receivers);
            assertThat(sender.outcomes).hasSize(receivers).allSatisfy(outcome -> {
                assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
                assertThat(outcome.activity()).endsWith("; the receiver left");
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stoppedSenderEndsTheStreamWithItsReason() throws Exception {
        ScriptedKeys keys = ScriptedKeys.pressedByTest();
        CompletableFuture<CommandRun> receiving;
        String problem;
        try (InProcessSender sender = trickleSender()) {
            String port = String.valueOf(sender.port());
            receiving = CompletableFuture.supplyAsync(() -> CommandRun.receiver(keys, "--port", port, "--no-log-file"));
            keys.awaitAsked();
            sender.close();

            sender.awaitOutcomes(1);
            problem = sender.outcomes.get(0).problem();
        }
        CommandRun run = receiving.get(10, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("the sender ended the stream: sender shutting down");
        TrickleOutput.Summary summary = TrickleOutput.summary(run.out());
        assertThat(summary.symbols()).isPositive();
        assertThat(summary.how()).startsWith("the sender ended the stream");
        assertThat(keys.closed()).isTrue();
        assertThat(problem).as("the sender's outcome").isEqualTo("sender shutting down");
    }

    @Test
    void verboseReceiverShowsOneLinePerBurstWithItsSize() throws Exception {
        try (InProcessSender sender = trickleSender()) {
            CommandRun run = CommandRun.receiver(ScriptedKeys.paced(Duration.ofMillis(300), "q"), "--port",
                    String.valueOf(sender.port()), "--no-log-file", "-v");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            List<TrickleOutput.Burst> bursts = TrickleOutput.bursts(run.out());
            assertThat(bursts).isNotEmpty().allSatisfy(burst -> {
                assertThat(burst.size()).isBetween(MIN_BURST, MAX_BURST);
                assertThat(burst.text()).hasSize(burst.size()).matches("[!-~]+");
            });
            TrickleOutput.Summary summary = TrickleOutput.summary(run.out());
            assertThat(bursts.stream().mapToLong(TrickleOutput.Burst::size).sum()).isEqualTo(summary.symbols());
            assertThat(run.out().lines()).as("only the connection, the hint, bursts and the summary")
                    .hasSize(bursts.size() + 3);
            assertThat(run.out()).startsWith(connectedOverTls(sender));
        }
    }

    @Test
    void receiverThatListsIsToldTheTrickleSenderHasNoCatalogue() throws Exception {
        try (InProcessSender sender = trickleSender()) {
            CommandRun run = CommandRun.receiver(ScriptedKeys.pressedByTest(), "--port", String.valueOf(sender.port()),
                    "--list", "--no-log-file");

            assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).contains("receiver: this sender streams text (--trickle); it has no files to list or get\n");
            assertThat(run.out()).as("the refusal and nothing else").isEmpty();
        }
    }

    /** The receiver's first line: whom it reached, and that it is encrypted. */
    static String connectedOverTls(InProcessSender sender) {
        return "connected to sender 127.0.0.1:" + sender.port() + ", encrypted with TLSv1.3 ";
    }

    private static final int MIN_BURST = 2;
    private static final int MAX_BURST = 6;

    /** A sender streaming bursts of 2 to 6 characters every 10 to 30 ms. */
    private InProcessSender trickleSender() throws java.io.IOException {
        return new InProcessSender(InProcessSender.withTrickle(
                InProcessSender.settings(dir.resolve("outputs"), 0, 0, 0, 0, Duration.ZERO, 256,
                        Duration.ofSeconds(10), Duration.ofSeconds(10)),
                new TrickleSettings(MIN_BURST, MAX_BURST, Duration.ofMillis(10), Duration.ofMillis(30))));
    }
}
