package dev.txrx.it;

import dev.txrx.receiver.store.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.Role;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class StalledReaderIT {

    @TempDir
    Path dir;

    @Test
    void fastReceiverFinishesWhileAStalledOneIsStillConnectedAndTheStalledOneIsDropped() throws Exception {
        try (LogCapture log = new LogCapture(HostilePeerIT.SENDER_SESSION_LOG);
             InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 4,
                     8 << 20, 8 << 20, Duration.ZERO, 16, Duration.ofSeconds(5), Duration.ofSeconds(4)));
             RawPeer stalled = new RawPeer(sender.port())) {
            stalled.helloAs(Role.RECEIVER).requestFiles();
            CommandRun fast = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard");
            assertThat(fast.exitCode()).as(fast.err()).isEqualTo(ExitCode.OK);
            assertThat(fast.out()).contains("received 4 files, 33554432 bytes");
            // The stalled peer has 32 MiB queued for it and reads nothing: it is still connected, not yet
            // dropped, so the fast receiver did not wait for it (an event, not a clock, says so).
            assertThat(log.problemsMentioning("127.0.0.1:" + stalled.localPort() + " ")).isEmpty();

            sender.awaitOutcomes(2);
            assertThat(log.problemsMentioning("127.0.0.1:" + stalled.localPort() + " "))
                    .singleElement().asString().contains("timed out after 4s");
        }
    }
}
