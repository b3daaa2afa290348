package dev.txrx.it;

import dev.txrx.receiver.store.ResumeState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.transport.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Connections cut, corrupted and lost for good: the session resumes and every file arrives intact. */
@Timeout(120)
class ResumeIT {

    @TempDir
    Path dir;

    private Path tree(int files, int size) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("src/tree"));
        Random random = new Random(files * 31L + size);
        for (int i = 0; i < files; i++) {
            byte[] content = new byte[size + i * 1000];
            random.nextBytes(content);
            Files.write(tree.resolve("f" + i + ".bin"), content);
        }
        return tree;
    }

    private InProcessSender sending(Path tree) throws Exception {
        return sending(tree, TestSecurity.listening("sender"));
    }

    private InProcessSender sending(Path tree, Security security) throws Exception {
        return new InProcessSender(InProcessSender.withSendPaths(InProcessSender.settings(dir.resolve("unused"), 0, 0,
                0, 0, Duration.ZERO, 16, Duration.ofSeconds(10), Duration.ofSeconds(10)), java.util.List.of(tree)),
                security);
    }

    @Test
    void fiftyCutsAtRandomOffsetsEachResumeAndEveryFileArrivesIntact() throws Exception {
        Path tree = tree(6, 1 << 20);
        Random random = new Random(50);
        try (InProcessSender sender = sending(tree); ChaosProxy proxy = new ChaosProxy(sender.port())) {
            for (int i = 0; i < 50; i++) {
                proxy.plan(ChaosProxy.Plan.cut(200 + random.nextInt(150_000)));
            }
            CommandRun run = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "80", "--retry-delay", "10ms",
                    "--max-retry-delay", "20ms", "--no-fsync");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(proxy.cuts()).isEqualTo(50);
            assertThat(run.out()).contains("resumed after 50 reconnections");
            long resent = Long.parseLong(run.out().replaceAll("(?s).*reconnections; (\\d+) bytes arrived.*", "$1"));
            assertThat(resent).as("bytes that came twice").isLessThanOrEqualTo(50L * (1 << 20));
        }
        assertSameTree(tree, dir.resolve("received/tree"));
        assertThat(dir.resolve("received/" + ResumeState.DIRECTORY)).doesNotExist();
    }

    @Test
    void stalledAndSlowConnectionsAreDroppedByTheIdleTimeoutAndResumed() throws Exception {
        Path tree = tree(2, 1 << 20);
        try (InProcessSender sender = sending(tree); ChaosProxy proxy = new ChaosProxy(sender.port())) {
            proxy.plan(ChaosProxy.Plan.stallAfter(600_000), ChaosProxy.Plan.stallAfter(500_000));
            proxy.delay(Duration.ofMillis(1));
            CommandRun run = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "5", "--retry-delay", "10ms",
                    "--idle-timeout", "500ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.err()).contains("timed out after 500ms waiting for data");
            assertThat(run.out()).contains("resumed after 2 reconnections");
            assertThat(proxy.connections()).isEqualTo(3);
        }
        assertSameTree(tree, dir.resolve("received/tree"));
    }

    /**
     * In clear ({@code --plain}): through TLS a flipped byte fails the record's authentication
     * before the CRC32C sees it (the next test); only in clear does it reach the checksum.
     */
    @Test
    void flippedByteIsCaughtByTheChecksumAndTheFileFetchedAgain() throws Exception {
        Path tree = tree(3, 300_000);
        try (InProcessSender sender = sending(tree, Security.PLAIN); ChaosProxy proxy = new ChaosProxy(sender.port())) {
            proxy.plan(ChaosProxy.Plan.flip(400_000));
            CommandRun run = CommandRun.receiver("--plain", "--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "5", "--retry-delay", "10ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("resumed after 1 reconnection");
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(run.err()).as("the CRC32C caught it").contains(": 1 file failed verification; retrying");
        }
        assertSameTree(tree, dir.resolve("received/tree"));
    }

    /** Through TLS a flipped byte breaks the connection (the record fails its authentication): resumed all the same. */
    @Test
    void flippedByteUnderTlsBreaksTheConnectionWhichIsResumed() throws Exception {
        Path tree = tree(3, 300_000);
        try (InProcessSender sender = sending(tree); ChaosProxy proxy = new ChaosProxy(sender.port())) {
            proxy.plan(ChaosProxy.Plan.flip(400_000));
            CommandRun run = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "5", "--retry-delay", "10ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("resumed after 1 reconnection");
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(run.err()).as("TLS caught it, not the CRC32C").contains(": incomplete session: connection to ")
                    .doesNotContain("failed verification");
        }
        assertSameTree(tree, dir.resolve("received/tree"));
    }

    @Test
    void fileChangedBetweenAttemptsIsSentAgainFromTheStart() throws Exception {
        Path tree = tree(1, 4 << 20);
        Path source = tree.resolve("f0.bin");
        try (InProcessSender sender = sending(tree); ChaosProxy proxy = new ChaosProxy(sender.port())) {
            proxy.plan(new ChaosProxy.Plan(1 << 20, -1, () -> {
                try {
                    byte[] changed = Files.readAllBytes(source);
                    changed[10] ^= 1;
                    Files.write(source, changed);
                    Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            CommandRun run = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "5", "--retry-delay", "200ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            // the sender records a session once it has read the confirmation, maybe after the receiver is done
            sender.awaitOutcomes(2);
            assertThat(sender.outcomes).anySatisfy(o -> assertThat(o.resume()).contains("0 continued"));
        }
        assertSameTree(tree, dir.resolve("received/tree"));
    }

    @Test
    void retryBudgetRunningOutLeavesStateFromWhichALaterRunResumes() throws Exception {
        Path tree = tree(2, 2 << 20);
        Path received = dir.resolve("received");
        // the same user runs the same command: the same identity, to which the sender bound the session
        String identity = TestSecurity.identityDirectory().toString();
        try (InProcessSender sender = sending(tree)) {
            int proxyPort;
            try (ChaosProxy proxy = new ChaosProxy(sender.port())) {
                proxyPort = proxy.port();
                proxy.plan(new ChaosProxy.Plan(3 << 20, -1, () -> {
                    try {
                        proxy.close();
                    } catch (java.io.IOException ignored) {
                        // the listener is what must go
                    }
                }));
                CommandRun first = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                        received.toString(), "--retries", "3", "--retry-delay", "10ms", "--identity", identity);
                assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCode.RESUMABLE);
                assertThat(first.out()).contains("run the same command again to resume");
                assertThat(received.resolve(ResumeState.DIRECTORY).resolve(ResumeState.JOURNAL)).isRegularFile();
                assertThat(received.resolve("tree/f0.bin")).isRegularFile();
                assertThat(received.resolve("tree/f1.bin")).doesNotExist();
            }
            // The same command later, when the way to the sender works again, picks up where it stopped.
            try (ChaosProxy again = new ChaosProxy(sender.port(), proxyPort)) {
                CommandRun second = CommandRun.receiver("--port", String.valueOf(proxyPort), "--output-dir",
                        received.toString(), "--retries", "3", "--retry-delay", "10ms", "--identity", identity);
                assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(ExitCode.OK);
                assertThat(second.err()).contains("resuming the interrupted session").contains("1 file already verified");
                // the sender records a session once it has read the confirmation, maybe after the receiver is done
                sender.awaitOutcomes(2);
                assertThat(sender.outcomes).anySatisfy(o -> assertThat(o.resume()).contains("1 file was already there"));
            }
        }
        assertSameTree(tree, received.resolve("tree"));
    }

    static void assertSameTree(Path expected, Path actual) throws Exception {
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path other = actual.resolve(expected.relativize(file).toString());
                assertThat(other).as("arrived: %s", other).isRegularFile();
                assertThat(sha256(other)).as(file.toString()).isEqualTo(sha256(file));
            }
        }
        try (Stream<Path> files = Files.walk(actual)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
