package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.transport.Agent;
import dev.txrx.common.transport.Security;
import dev.txrx.receiver.store.ResumeState;
import dev.txrx.sender.conversation.SessionOutcome;
import dev.txrx.sender.server.SenderServer;
import dev.txrx.sender.server.SenderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that outlives its connections and its sender's process: a connection dropped right
 * after the handshake, and a sender stopped cleanly with Ctrl-C in the middle of a file and started again.
 */
@Timeout(120)
class ContinuityIT {

    @TempDir
    Path dir;

    /**
     * In clear ({@code --plain}): the cut falls at the end of the sender's HELLO, an offset of the
     * frames themselves, which a proxy cannot see through TLS (a cut in the TLS handshake comes
     * before the HELLO, which is not retried: see {@code TimeoutsIT}'s mute server).
     */
    @Test
    void connectionDroppedBetweenHelloAndSessionStartIsRetried() throws Exception {
        Path tree = tree("tree", 2, 200_000);
        long hello = FrameFormat.HEADER_LENGTH + new Frame.Hello(FrameFormat.VERSION, Role.SENDER,
                Agent.of("sender")).payloadLength();
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(tree), Security.PLAIN);
             ChaosProxy proxy = new ChaosProxy(sender.port())) {
            proxy.plan(ChaosProxy.Plan.cut(hello));
            CommandRun run = CommandRun.receiver("--plain", "--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "3", "--retry-delay", "10ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(proxy.cuts()).isEqualTo(1);
            assertThat(run.out()).contains("resumed after 1 reconnection; 0 bytes arrived more than once");
        }
        ResumeIT.assertSameTree(tree, dir.resolve("received/tree"));
    }

    @Test
    void onceMeansOneSessionWhichSurvivesACut() throws Exception {
        Path tree = tree("tree", 3, 400_000);
        try (SenderServer server = SenderServer.open(InProcessSender.withOnce(InProcessSender.sending(tree))
                .withSecurity(TestSecurity.listening("sender")));
             ChaosProxy proxy = new ChaosProxy(server.address().getPort())) {
            CompletableFuture<SessionOutcome> served = new CompletableFuture<>();
            Thread serving = new Thread(() -> {
                try {
                    served.complete(server.serve(new SenderServer.Listener() {
                        @Override
                        public void started(String peer) {
                        }

                        @Override
                        public void finished(SessionOutcome outcome) {
                        }
                    }));
                } catch (Exception | Error e) {
                    served.completeExceptionally(e);
                }
            }, "once-sender");
            serving.start();
            proxy.plan(ChaosProxy.Plan.cut(700_000));
            CommandRun run = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "5", "--retry-delay", "10ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("resumed after 1 reconnection");
            SessionOutcome outcome = served.get(30, TimeUnit.SECONDS);
            assertThat(outcome.succeeded()).as(outcome.problem()).isTrue();
            assertThat(outcome.resume()).contains("(connection 2)");
            assertThat(proxy.cuts()).isEqualTo(1);
        }
        ResumeIT.assertSameTree(tree, dir.resolve("received/tree"));
    }

    /** The sender's Ctrl-C shuts its server down with "sender shutting down"; here the server itself is shut down. */
    @Test
    void senderStoppedCleanlyMidFileIsResumedWhenItStartsAgain() throws Exception {
        Path tree = tree("big", 1, 24 << 20);
        Path received = dir.resolve("received");
        SenderSettings paced = InProcessSender.withRate(InProcessSender.sending(tree), 4 << 20);
        int port;
        CompletableFuture<CommandRun> receiving;
        // started again, the sender keeps its identity, which the receiver recorded at its first connection
        Security senderIdentity = TestSecurity.listening("sender");
        InProcessSender first = new InProcessSender(paced, senderIdentity);
        try {
            port = first.port();
            receiving = CompletableFuture.supplyAsync(() -> CommandRun.receiver("--port", String.valueOf(port),
                    "--output-dir", received.toString(), "--retries", "60", "--retry-delay", "100ms",
                    "--max-retry-delay", "250ms", "--no-progress"));
            awaitPartialOfAtLeast(received.resolve("big"), 2 << 20);
        } finally {
            first.close();
        }
        assertThat(first.outcomes).singleElement()
                .satisfies(o -> assertThat(o.problem()).isEqualTo("sender shutting down"));
        long held = partialLength(received.resolve("big"));
        assertThat(held).as("the partial file is kept for the resume").isPositive();
        try (InProcessSender second = new InProcessSender(InProcessSender.withPort(paced, port), senderIdentity)) {
            CommandRun run = receiving.get(90, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("verified: every file passed CRC32C")
                    .containsPattern("resumed after \\d+ reconnections?; 0 bytes arrived more than once");
            second.awaitOutcomes(1);
            // The held bytes are continued, not sent again: the resend is within what was in flight.
            assertThat(second.outcomes).singleElement().satisfies(o -> assertThat(o.resume())
                    .contains("0 files were already there, 1 continued, 0 bytes sent again"));
        }
        ResumeIT.assertSameTree(tree, received.resolve("big"));
        assertThat(received.resolve(ResumeState.DIRECTORY)).doesNotExist();
    }

    private Path tree(String name, int files, int size) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("src").resolve(name));
        Random random = new Random(name.hashCode());
        for (int i = 0; i < files; i++) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Files.write(tree.resolve("f" + i + ".bin"), bytes);
        }
        return tree;
    }

    static long partialLength(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part"))
                    .mapToLong(p -> p.toFile().length()).max().orElse(0);
        }
    }

    static long awaitPartialOfAtLeast(Path directory, long bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long size = partialLength(directory);
            if (size >= bytes) {
                return size;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the partial file never reached " + bytes + " bytes");
    }
}
