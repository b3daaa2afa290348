package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.sender.conversation.SessionOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ping sessions run on connections of their own, next to file transfers from the same sender. */
@Timeout(60)
class ConcurrentPingIT {

    private static final int PING_CLIENTS = 5;
    private static final int PINGS = 300;

    @TempDir
    Path dir;

    @Test
    void fivePingClientsLoseNothingWhileAReceiverTransfersFilesFromTheSameSender() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PING_CLIENTS + 1);
        try (InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 20, 16 * 1024,
                256 * 1024, Duration.ofMillis(30), 16, Duration.ofSeconds(10), Duration.ofSeconds(10)))) {
            String port = String.valueOf(sender.port());
            Future<CommandRun> transfer = pool.submit(() -> CommandRun.receiver("--port", port, "--output-dir",
                    dir.resolve("received").toString(), "--no-progress", "--no-log-file"));
            while (sender.server().activeSessions() == 0 && !transfer.isDone()) {
                Thread.sleep(5);
            }
            List<Future<CommandRun>> pings = new ArrayList<>();
            for (int k = 0; k < PING_CLIENTS; k++) {
                pings.add(pool.submit(() -> CommandRun.receiver("--port", port, "--ping", String.valueOf(PINGS),
                        "--interval", "1ms", "--no-log-file")));
            }

            for (Future<CommandRun> ping : pings) {
                CommandRun run = ping.get(40, TimeUnit.SECONDS);
                assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
                assertThat(run.out()).contains(": 300 pings of 64 bytes, 300 answered, 0 lost, 0 mismatched");
            }
            CommandRun files = transfer.get(40, TimeUnit.SECONDS);
            assertThat(files.exitCode()).as(files.out() + files.err()).isEqualTo(ExitCode.OK);
            assertThat(files.out()).contains("received 20 files")
                    .contains("verified: every file passed CRC32C, totals and digest match the sender");
            sender.awaitOutcomes(PING_CLIENTS + 1);
            assertThat(sender.outcomes).hasSize(PING_CLIENTS + 1)
                    .filteredOn(outcome -> outcome.summary().files() > 0).singleElement()
                    .matches(SessionOutcome::succeeded);
            assertThat(sender.outcomes).allMatch(outcome -> outcome.problem() == null);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
