package dev.txrx.it;

import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.receiver.store.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Role;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TimeoutsIT {

    @TempDir
    Path dir;

    @Test
    void senderDropsAPeerThatConnectsAndSaysNothing() throws Exception {
        try (LogCapture log = new LogCapture(HostilePeerIT.SENDER_SESSION_LOG);
             InProcessSender sender = new InProcessSender(InProcessSender.settings(dir, 0, 1, 1, 1, Duration.ZERO, 4,
                     Duration.ofMillis(500), Duration.ofSeconds(30)));
             RawPeer silent = new RawPeer(sender.port())) {
            long started = System.nanoTime();
            assertThat(silent.readUntilClosed()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(10_000);
            sender.awaitOutcomes(1);
            assertThat(log.problemsMentioning("127.0.0.1:" + silent.localPort() + " "))
                    .singleElement().asString().contains("timed out after 500ms waiting for HELLO and REQUEST");
        }
    }

    @Test
    void senderHandshakeDeadlineHoldsEvenWhenBytesTrickle() throws Exception {
        try (InProcessSender sender = new InProcessSender(InProcessSender.settings(dir, 0, 1, 1, 1, Duration.ZERO, 4,
                Duration.ofMillis(600), Duration.ofSeconds(30)));
             RawPeer trickle = new RawPeer(sender.port())) {
            byte[] hello = RawPeer.encode(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "slowly"));
            long started = System.nanoTime();
            try {
                for (byte b : hello) {
                    trickle.send(new byte[] {b});
                    Thread.sleep(100);
                }
            } catch (java.io.IOException closedBySender) {
                // expected once the deadline passes
            }
            assertThat(trickle.readUntilClosed()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(hello.length * 100L);
        }
    }

    @Test
    void receiverGivesUpOnASenderThatGoesSilentMidFile() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<CommandRun> receiver = CompletableFuture.supplyAsync(() -> CommandRun.receiver(
                    "--port", String.valueOf(fake.getLocalPort()), "--idle-timeout", "500ms", "--output-dir",
                    dir.resolve("received").toString(), "--retries", "1"));
            try (RawPeer sender = new RawPeer(fake.accept())) {
                sender.helloAs(Role.SENDER);
                sender.read(1); // the receiver's HELLO and REQUEST follow
                sender.send(new Frame.SessionStart(java.util.UUID.randomUUID(), false, ""));
                sender.send(new Frame.FileStart(1, 1000, 0, 0, 0644, "file_1.bits"));
                sender.send(new byte[] {0, 0, 0, 14, 0x11, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
                CommandRun run = receiver.get(20, TimeUnit.SECONDS);
                assertThat(run.exitCode()).isEqualTo(ExitCode.RESUMABLE);
                assertThat(run.out()).contains("timed out after 500ms waiting for data from 127.0.0.1:")
                        .contains("file_1.bits, 10 of 1000 bytes");
            }
        }
        assertThat(SenderKilledIT.finalNames(dir.resolve("received"))).isEmpty();
    }

    @Test
    void receiverGivesUpOnAServerThatNeverSaysHello() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(mute.getLocalPort()), "--handshake-timeout",
                    "400ms", "--discard");
            assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out()).contains("timed out after 400ms waiting for the HELLO of 127.0.0.1:");
        }
    }

    @Test
    void receiverBeyondTheCapIsToldTheSenderIsBusyAndRetriesUntilASlotFrees() throws Exception {
        try (InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 6, 1024,
                2048, Duration.ofMillis(300), 1, Duration.ofSeconds(5), Duration.ofSeconds(10)))) {
            CompletableFuture<CommandRun> first = CompletableFuture.supplyAsync(() -> CommandRun.receiver(
                    "--port", String.valueOf(sender.port()), "--discard"));
            while (sender.server().activeSessions() == 0 && !first.isDone()) {
                Thread.sleep(10);
            }
            CommandRun second = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard",
                    "--retries", "40", "--retry-delay", "100ms", "--max-retry-delay", "200ms");
            assertThat(second.err()).contains("sender is busy: it serves 1 of at most 1 receiver; try again later")
                    .contains("attempts left");
            assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.OK);
            assertThat(first.get().exitCode()).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void receiverThatStaysBusyRunsOutOfAttempts() throws Exception {
        try (InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 1, 1, 1,
                Duration.ZERO, 1, Duration.ofSeconds(30), Duration.ofSeconds(30)));
             RawPeer occupant = new RawPeer(sender.port())) {
            occupant.helloAs(Role.RECEIVER);
            while (sender.server().activeSessions() == 0) {
                Thread.sleep(10);
            }
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard", "--retries", "3",
                    "--retry-delay", "50ms");
            assertThat(run.exitCode()).isEqualTo(ExitCode.CONNECT_FAILED);
            assertThat(run.err()).contains("after 3 attempts (last error: sender is busy");
        }
    }
}
