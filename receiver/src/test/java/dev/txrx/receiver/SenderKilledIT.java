package dev.txrx.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.cli.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Both apps as separate processes, from the packaged jars; the sender dies by SIGKILL mid-file. */
@Timeout(90)
class SenderKilledIT {

    private static final Path SENDER_JAR = Path.of("../sender/target/sender.jar");
    private static final Path RECEIVER_JAR = Path.of("target/receiver.jar");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void senderKilledMidFileLeavesReceiverFailedWithNoPartialFinalFile() throws Exception {
        int port = TestPorts.unused();
        Path received = dir.resolve("received");
        Process sender = start(SENDER_JAR, "--bind", "127.0.0.1", "--port", String.valueOf(port), "--once",
                "--count", "1", "--min-size", "8M", "--max-size", "8M", "--rate", "2M",
                "--output-dir", dir.resolve("outputs").toString());
        BufferedReader senderOut = new BufferedReader(new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = senderOut.readLine()) != null && !line.contains("waiting for a receiver")) {
            // skip the banner
        }
        assertThat(line).as("sender never became ready").isNotNull();

        Process receiver = start(RECEIVER_JAR, "--port", String.valueOf(port), "--output-dir", received.toString(),
                "--no-progress");
        awaitPartialFile(received);
        sender.destroyForcibly();

        assertThat(receiver.waitFor(30, TimeUnit.SECONDS)).as("receiver exits after the sender dies").isTrue();
        String out = new String(receiver.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(receiver.exitValue()).as(out).isEqualTo(ExitCode.FAILED);
        assertThat(out).contains("NOT verified").contains("incomplete session").contains("file_1.bits");
        try (Stream<Path> left = Files.list(received)) {
            assertThat(left).as("no final and no temporary file is left").isEmpty();
        }
    }

    private Process start(Path jar, String... args) throws IOException {
        assertThat(jar).as("packaged jar; run through 'mvn verify'").exists();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        return process;
    }

    private static void awaitPartialFile(Path received) throws Exception {
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
