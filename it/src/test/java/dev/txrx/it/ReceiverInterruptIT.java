package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.receiver.store.ResumeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) on a receiver process in the middle of a file, several times over: each time
 * the partial file stays, with the state to resume it, and the next run goes on from it. The
 * shutdown hook must stop the connection, not interrupt the thread writing the file (an
 * interrupt closes its FileChannel, which was taken as a failure of the disk).
 */
@Timeout(180)
class ReceiverInterruptIT {

    private static final int SIZE = 24 << 20;
    private static final int INTERRUPTS = 3;

    @TempDir
    Path dir;

    @Test
    void ctrlCMidFileKeepsThePartialFileAndEachNextRunResumesIt() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source")).resolve("big.bin");
        byte[] content = new byte[SIZE];
        new Random(12).nextBytes(content);
        Files.write(source, content);
        Path received = dir.resolve("received");
        // each run is the same user's: the same identity, to which the sender bound the session
        String identity = TestSecurity.identityDirectory().toString();
        try (InProcessSender sender = new InProcessSender(
                InProcessSender.withRate(InProcessSender.sending(source), 6 << 20))) {
            long held = 0;
            for (int run = 1; run <= INTERRUPTS; run++) {
                try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--port",
                        String.valueOf(sender.port()), "--output-dir", received.toString(), "--no-progress",
                        "--identity", identity)) {
                    long before = held;
                    held = awaitPartialLongerThan(received, before + (1 << 20));
                    receiver.signal("INT");

                    assertThat(receiver.awaitExit(20)).as(receiver.out() + receiver.err())
                            .isEqualTo(ExitCode.INTERRUPTED);
                    assertThat(receiver.out()).contains("NOT verified: interrupted");
                    assertThat(receiver.err()).doesNotContain("cannot store");
                    if (run > 1) {
                        assertThat(receiver.err()).as("run " + run)
                                .contains("resuming the interrupted session").contains("big.bin in part");
                    }
                }
                List<Path> parts = partFiles(received);
                assertThat(parts).as("the partial file survives Ctrl-C number " + run).hasSize(1);
                held = Files.size(parts.get(0));
                assertThat(received.resolve(ResumeState.DIRECTORY).resolve(ResumeState.JOURNAL)).isRegularFile();
            }

            CommandRun last = CommandRun.receiver("--port", String.valueOf(sender.port()), "--output-dir",
                    received.toString(), "--no-progress", "--identity", identity);
            assertThat(last.exitCode()).as(last.out() + last.err()).isEqualTo(ExitCode.OK);
            assertThat(last.err()).contains("big.bin in part");
        }
        assertThat(received.resolve("big.bin")).hasBinaryContent(content);
        assertThat(partFiles(received)).isEmpty();
        assertThat(received.resolve(ResumeState.DIRECTORY)).doesNotExist();
    }

    /** Waits until the partial file holds more than {@code bytes}; its size then. */
    private static long awaitPartialLongerThan(Path received, long bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (Path part : partFiles(received)) {
                long size = sizeOf(part);
                if (size > bytes) {
                    return size;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the partial file in " + received + " never grew past " + bytes + " bytes");
    }

    private static List<Path> partFiles(Path received) throws IOException {
        if (!Files.isDirectory(received)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(received)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
