package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.sender.conversation.SessionOutcome;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ManyReceiversIT {

    @TempDir
    Path dir;

    @Test
    void twoHundredConcurrentReceiversAllVerify() throws Exception {
        try (InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 5, 1024,
                32 * 1024, Duration.ofMillis(20), 256, Duration.ofSeconds(10), Duration.ofSeconds(20)))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--parallel", "200",
                    "--output-dir", dir.resolve("received").toString(), "--retries", "20", "--retry-delay", "50ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("200 of 200 sessions verified; received 1000 files");
            sender.awaitOutcomes(200);
            assertThat(sender.outcomes).hasSize(200).allMatch(SessionOutcome::succeeded);
        }
        for (int k = 1; k <= 200; k++) {
            assertThat(dir.resolve("received/session-" + k + "/file_5.bits")).isRegularFile();
        }
    }
}
