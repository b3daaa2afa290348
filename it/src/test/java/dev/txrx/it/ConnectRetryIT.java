package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConnectRetryIT {

    @TempDir
    Path dir;

    @Test
    void receiverRetriesUntilSenderStarts() throws Exception {
        int port = TestPorts.unused();
        CompletableFuture<CommandRun> receiver = CompletableFuture.supplyAsync(() -> CommandRun.receiver(
                "--port", String.valueOf(port), "--retries", "30", "--retry-delay", "100ms", "--max-retry-delay",
                "200ms", "--discard", "--no-progress"));
        Thread.sleep(800);
        assertThat(receiver).isNotDone();
        try (InProcessSender sender = new InProcessSender(dir, port, 3, 1, 1000, Duration.ZERO)) {
            CommandRun run = receiver.get(30, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.err()).contains("receiver: 127.0.0.1:" + port + ": Connection refused; retrying in 100ms")
                    .contains("attempts left");
            assertThat(run.out()).contains("received 3 files");
        }
    }

    @Test
    void receiverWithNoSenderGivesUpWithItsExitCode() throws Exception {
        int port = TestPorts.unused();
        CommandRun run = CommandRun.receiver("--port", String.valueOf(port), "--retries", "4", "--retry-delay", "20ms");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(run.err()).contains("after 4 attempts").contains("is the sender running?");
        assertThat(run.err().lines().filter(l -> l.contains("retrying in"))).hasSize(3);
    }
}
