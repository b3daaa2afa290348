package dev.txrx.it;

import dev.txrx.receiver.store.ResumeState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C and SIGTERM on the apps running as separate processes. */
@Timeout(90)
class ShutdownIT {

    @TempDir
    Path dir;

    @Test
    void senderStopsOnSigtermTellingEachReceiverAndPrintingItsTotals() throws Exception {
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--bind", "127.0.0.1", "--port",
                "0", "--count", "100", "--min-size", "64K", "--max-size", "1M", "--min-interval",
                "50ms", "--max-interval", "150ms", "--output-dir", dir.resolve("outputs").toString())) {
            sender.awaitOutput("waiting for a receiver", 30);
            int port = sender.listeningPort(30);
            CompletableFuture<CommandRun> first = receiveInto(port, dir.resolve("a"));
            CompletableFuture<CommandRun> second = receiveInto(port, dir.resolve("b"));
            sender.awaitOutput("receiver 127.0.0.1", 30);
            // both sessions are under way once each receiver holds a verified file
            awaitFinalFile(dir.resolve("a"));
            awaitFinalFile(dir.resolve("b"));

            sender.signal("TERM");
            int code = sender.awaitExit(10);

            assertThat(code).isEqualTo(128 + 15);
            assertThat(sender.out()).contains("sender shutting down: stopping 2 sessions")
                    .contains("did NOT confirm the session: sender shutting down")
                    .containsPattern("sender stopped; served 2 receivers \\(0 confirmed\\), sent \\d+ files");
            assertThat(sender.out()).containsPattern("sent [1-9]\\d* files");
            for (CompletableFuture<CommandRun> receiver : java.util.List.of(first, second)) {
                CommandRun run = receiver.get(20, TimeUnit.SECONDS);
                // a sender that stopped cleanly can be resumed: the receiver retries, then says to run again
                assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.RESUMABLE);
                assertThat(run.out()).contains("NOT verified: sender ended the session early: sender shutting down")
                        .contains("run the same command again to resume");
            }
        }
        for (String receiver : new String[] {"a", "b"}) {
            assertThat(SenderKilledIT.finalNames(dir.resolve(receiver))).isNotEmpty()
                    .allMatch(name -> name.matches("file_\\d+\\.bits"));
        }
    }

    @Test
    void receiverStopsOnCtrlCKeepingVerifiedFilesAndNoPartialOne() throws Exception {
        Path received = dir.resolve("received");
        long heldBeforeSignal;
        try (InProcessSender sender = new InProcessSender(InProcessSender.withRate(InProcessSender.settings(
                dir.resolve("outputs"), 0, 2, 30 << 20, 30 << 20, Duration.ZERO, 4, Duration.ofSeconds(10),
                Duration.ofSeconds(10)), 20 << 20));
             AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--port", String.valueOf(sender.port()),
                     "--output-dir", received.toString())) {
            SenderKilledIT.awaitPartialFile(received);
            heldBeforeSignal = partialBytes(received);
            receiver.signal("INT");
            int code = receiver.awaitExit(10);
            assertThat(code).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(receiver.out()).contains("received 0 files").contains("NOT verified: interrupted");
        }
        // The partial file stays hidden, with the state from which the next run resumes.
        assertThat(SenderKilledIT.finalNames(received)).as("no file under a final name").isEmpty();
        assertThat(received.resolve(ResumeState.DIRECTORY).resolve(ResumeState.JOURNAL)).isRegularFile();
        assertThat(partialBytes(received)).as("the partial file survives Ctrl-C with what it held (README: "
                + "Ctrl-C keeps the partial file for the next run)").isGreaterThanOrEqualTo(heldBeforeSignal);
    }

    /** The bytes of the hidden partial files in {@code directory}; 0 when there is none. */
    private static long partialBytes(Path directory) throws java.io.IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void awaitFinalFile(Path directory) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!hasFinalFile(directory)) {
            assertThat(System.nanoTime()).as("a verified file in " + directory).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static boolean hasFinalFile(Path directory) throws java.io.IOException {
        try {
            return Files.isDirectory(directory) && !SenderKilledIT.finalNames(directory).isEmpty();
        } catch (java.io.UncheckedIOException renamedWhileListed) {
            return false; // a partial file got its final name during the walk: look again
        }
    }

    private static CompletableFuture<CommandRun> receiveInto(int port, Path directory) {
        return CompletableFuture.supplyAsync(() -> CommandRun.receiver("--port", String.valueOf(port), "--retries",
                "20", "--retry-delay", "100ms", "--max-retry-delay", "100ms", "--output-dir", directory.toString()));
    }
}
