package dev.txrx.it;

import dev.txrx.receiver.cli.RefusingPort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConnectRetryIT {

    @TempDir
    Path dir;

    /**
     * The receiver is refused first (its notice says so), then the sender starts on that very
     * port, which the test has held all along so that no other process could take it, and the
     * next attempt succeeds.
     */
    @Test
    void receiverRetriesUntilSenderStarts() throws Exception {
        try (RefusingPort nothingYet = RefusingPort.forTakeOver();
             AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--port",
                     String.valueOf(nothingYet.port()), "--retries", "30", "--retry-delay", "100ms",
                     "--max-retry-delay", "200ms", "--discard", "--no-progress", "--no-log-file")) {
            int port = nothingYet.port();
            String refused = "receiver: 127.0.0.1:" + port + ": Connection refused; retrying in 100ms";
            receiver.awaitError(refused, 30);
            try (InProcessSender sender = new InProcessSender(dir, port, 3, 1, 1000, Duration.ZERO)) {
                assertThat(receiver.awaitExit(30)).as(receiver.out() + receiver.err()).isEqualTo(ExitCode.OK);
                assertThat(receiver.err()).contains(refused).contains("attempts left");
                assertThat(receiver.out()).contains("received 3 files");
                sender.awaitOutcomes(1);
                assertThat(sender.outcomes).as("the sender served the receiver once").hasSize(1);
            }
        }
    }

    @Test
    void receiverWithNoSenderGivesUpWithItsExitCode() throws Exception {
        try (RefusingPort nobody = RefusingPort.hold()) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(nobody.port()), "--retries", "4",
                    "--retry-delay", "20ms");
            assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
            assertThat(run.err()).contains("after 4 attempts").contains("is the sender running?");
            assertThat(run.err().lines().filter(l -> l.contains("retrying in"))).hasSize(3);
        }
    }
}
