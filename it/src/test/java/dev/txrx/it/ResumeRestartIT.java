package dev.txrx.it;

import dev.txrx.receiver.store.ResumeState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.transport.Security;
import dev.txrx.sender.server.SenderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Resuming across process deaths: the receiver killed with SIGKILL, the sender restarted, generated content. */
@Timeout(120)
class ResumeRestartIT {

    @TempDir
    Path dir;

    @Test
    void receiverKilledMidLargeFileResumesAfterRestartInsteadOfStartingOver() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("src/big"));
        byte[] content = new byte[48 << 20];
        new Random(9).nextBytes(content);
        Files.write(tree.resolve("large.bin"), content);
        Path received = dir.resolve("received");
        SenderSettings paced = InProcessSender.withRate(InProcessSender.withSendPaths(InProcessSender.settings(
                dir.resolve("unused"), 0, 0, 0, 0, Duration.ZERO, 8, Duration.ofSeconds(10), Duration.ofSeconds(10)),
                List.of(tree)), 24 << 20);
        // the same user starts the receiver again: the same identity, to which the sender bound the session
        String identity = TestSecurity.identityDirectory().toString();
        try (InProcessSender sender = new InProcessSender(paced)) {
            try (AppProcess first = AppProcess.start(AppProcess.RECEIVER_JAR, "--port", String.valueOf(sender.port()),
                    "--output-dir", received.toString(), "--no-progress", "--identity", identity)) {
                long held = awaitPartialOfAtLeast(received, 8 << 20);
                first.killHard();
                first.awaitExit(10);
                assertThat(held).isLessThan(content.length);
            }
            try (AppProcess second = AppProcess.start(AppProcess.RECEIVER_JAR, "--port", String.valueOf(sender.port()),
                    "--output-dir", received.toString(), "--no-progress", "--identity", identity)) {
                assertThat(second.awaitExit(60)).as(second.out() + second.err()).isEqualTo(ExitCode.OK);
                assertThat(second.err()).contains("resuming the interrupted session").contains("big/large.bin in part");
            }
            sender.awaitOutcomes(2);
            assertThat(sender.outcomes).anySatisfy(o -> assertThat(o.resume()).contains("1 continued"));
        }
        ResumeIT.assertSameTree(tree, received.resolve("big"));
        assertThat(received.resolve(ResumeState.DIRECTORY)).doesNotExist();
    }

    @Test
    void senderRestartedOnTheSameFilesResumesTheSession() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("src/tree"));
        Random random = new Random(3);
        for (int i = 0; i < 4; i++) {
            byte[] bytes = new byte[1 << 20];
            random.nextBytes(bytes);
            Files.write(tree.resolve("f" + i + ".bin"), bytes);
        }
        Path received = dir.resolve("received");
        SenderSettings settings = InProcessSender.withSendPaths(InProcessSender.settings(dir.resolve("unused"), 0, 0,
                0, 0, Duration.ZERO, 8, Duration.ofSeconds(10), Duration.ofSeconds(10)), List.of(tree));
        // a sender started again keeps its identity, which the receiver recorded, and the receiver its own
        Security senderIdentity = TestSecurity.listening("sender");
        String receiverIdentity = TestSecurity.identityDirectory().toString();
        int proxyPort;
        try (InProcessSender first = new InProcessSender(settings, senderIdentity);
             ChaosProxy proxy = new ChaosProxy(first.port())) {
            proxyPort = proxy.port();
            proxy.plan(new ChaosProxy.Plan((5 << 19), -1, () -> {
                try {
                    proxy.close();
                } catch (java.io.IOException ignored) {
                    // only the listener has to go
                }
            }));
            CommandRun cut = CommandRun.receiver("--port", String.valueOf(proxyPort), "--output-dir",
                    received.toString(), "--retries", "2", "--retry-delay", "10ms", "--identity", receiverIdentity);
            assertThat(cut.exitCode()).as(cut.out()).isEqualTo(ExitCode.RESUMABLE);
        }
        // A new sender process (here a new server) serving the same files; same address for the receiver.
        try (InProcessSender second = new InProcessSender(settings, senderIdentity);
             ChaosProxy again = new ChaosProxy(second.port(), proxyPort)) {
            CommandRun resumed = CommandRun.receiver("--port", String.valueOf(proxyPort), "--output-dir",
                    received.toString(), "--retries", "2", "--retry-delay", "10ms", "--identity", receiverIdentity);
            assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(ExitCode.OK);
            second.awaitOutcomes(1);
            assertThat(second.outcomes).singleElement()
                    .satisfies(o -> assertThat(o.resume()).contains("2 files were already there"));
        }
        ResumeIT.assertSameTree(tree, received.resolve("tree"));
    }

    @Test
    void generatedContentResumesFromTheSendersMemoryOfTheSession() throws Exception {
        SenderSettings generated = InProcessSender.settings(dir.resolve("outputs"), 0, 8, 256 << 10, 256 << 10,
                Duration.ZERO, 8, Duration.ofSeconds(10), Duration.ofSeconds(10));
        try (InProcessSender sender = new InProcessSender(generated); ChaosProxy proxy = new ChaosProxy(sender.port())) {
            proxy.plan(ChaosProxy.Plan.cut(700_000), ChaosProxy.Plan.cut(500_000));
            CommandRun run = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "5", "--retry-delay", "10ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("received 8 files").contains("resumed after 2 reconnections");
            sender.awaitOutcomes(3);
            assertThat(sender.outcomes).anySatisfy(o -> assertThat(o.resume()).contains("connection 3"));
        }
    }

    private static long awaitPartialOfAtLeast(Path received, long bytes) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(received.resolve("big"))) {
                try (var files = Files.list(received.resolve("big"))) {
                    long size = files.filter(p -> p.getFileName().toString().endsWith(".part"))
                            .mapToLong(p -> p.toFile().length()).max().orElse(0);
                    if (size >= bytes) {
                        return size;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the partial file never reached " + bytes + " bytes");
    }
}
