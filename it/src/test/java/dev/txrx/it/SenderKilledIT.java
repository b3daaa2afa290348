package dev.txrx.it;

import dev.txrx.receiver.store.ResumeState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Both apps as separate processes, from the packaged jars; the sender dies by SIGKILL mid-file. */
@Timeout(90)
class SenderKilledIT {

    @TempDir
    Path dir;

    @Test
    void senderKilledMidFileLeavesReceiverFailedWithNoPartialFinalFile() throws Exception {
        Path received = dir.resolve("received");
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--bind", "127.0.0.1", "--port",
                "0", "--once", "--count", "1", "--min-size", "8M", "--max-size", "8M", "--rate", "2M",
                "--output-dir", dir.resolve("outputs").toString())) {
            sender.awaitOutput("waiting for a receiver", 30);
            int port = sender.listeningPort(30);
            try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--port", String.valueOf(port),
                    "--output-dir", received.toString(), "--no-progress", "--retries", "2", "--retry-delay", "50ms")) {
                awaitPartialFile(received);
                sender.killHard();

                // The receiver tries to resume, cannot reach the sender, and says a later run resumes.
                assertThat(receiver.awaitExit(30)).as(receiver.out()).isEqualTo(ExitCode.RESUMABLE);
                assertThat(receiver.out()).contains("NOT verified").contains("incomplete session").contains("file_1.bits")
                        .contains("run the same command again to resume");
            }
        }
        assertThat(finalNames(received)).as("no file under a final name").isEmpty();
    }

    /** The files in {@code directory} under names a received file would have: not hidden, and not resume state. */
    static java.util.List<String> finalNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(p -> directory.relativize(p).toString())
                    .filter(name -> !name.startsWith(ResumeState.DIRECTORY + "/"))
                    .filter(name -> !Path.of(name).getFileName().toString().startsWith("."))
                    .collect(java.util.stream.Collectors.toList());
        }
    }

    /** Waits for a temporary file with data in it, which shows the transfer is in the middle of a file. */
    static void awaitPartialFile(Path received) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(received)) {
                try (Stream<Path> files = Files.list(received)) {
                    if (files.anyMatch(p -> p.getFileName().toString().endsWith(".part") && sizeOf(p) > 0)) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no partial file appeared in " + received);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
