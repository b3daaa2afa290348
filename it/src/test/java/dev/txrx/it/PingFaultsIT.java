package dev.txrx.it;

import dev.txrx.receiver.store.LogCapture;
import dev.txrx.receiver.conversation.PingSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receiver --ping} against senders that misbehave: fake ones on a loopback server socket
 * that stop answering, close, or answer wrongly, and a real one that shuts down mid-run.
 */
@Timeout(30)
class PingFaultsIT {

    private static final String PING_SESSION_LOG = "dev.txrx.receiver.conversation.PingConversation";

    @TempDir
    Path dir;

    @Test
    void senderThatGoesSilentTimesOutWithTheUnansweredPingsLost() throws Exception {
        int count = 20;
        int answeredBeforeSilence = 7;
        try (ServerSocket fake = loopbackServer()) {
            CompletableFuture<CommandRun> receiver = pingAsync(fake, "--ping", String.valueOf(count), "--warmup", "0",
                    "--idle-timeout", "500ms");
            Socket accepted = fake.accept();
            try (RawPeer sender = new RawPeer(accepted)) {
                FrameReader fromReceiver = handshake(sender);
                for (int i = 0; i < answeredBeforeSilence; i++) {
                    sender.send(pong(nextPing(fromReceiver, i)));
                }
                nextPing(fromReceiver, answeredBeforeSilence); // and never answer it
                long silentSince = System.nanoTime();
                assertThat(sender.readUntilClosed()).as("the receiver hangs up").isTrue();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince)).isBetween(400L, 10_000L);
            }
            CommandRun run = receiver.get(20, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out()).contains(": 20 pings of 64 bytes, 7 answered, 13 lost, 0 mismatched")
                    .contains("ping run ended early: timed out after 500ms waiting for PONG from 127.0.0.1:"
                            + fake.getLocalPort());
        }
    }

    @Test
    void senderThatClosesMidRunLeavesTheRestLost() throws Exception {
        try (ServerSocket fake = loopbackServer()) {
            CompletableFuture<CommandRun> receiver = pingAsync(fake, "--ping", "10", "--warmup", "2");
            Socket accepted = fake.accept();
            try (RawPeer sender = new RawPeer(accepted)) {
                FrameReader fromReceiver = handshake(sender);
                for (int i = 0; i < 6; i++) {
                    sender.send(pong(nextPing(fromReceiver, i)));
                }
                nextPing(fromReceiver, 6);
            }
            CommandRun run = receiver.get(20, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out()).as("two warm-up answers do not count")
                    .contains(": 10 pings of 64 bytes, 4 answered, 6 lost, 0 mismatched")
                    .contains("ping run ended early: sender closed the connection after 4 answers");
        }
    }

    @Test
    void answersWithTheWrongIdSequenceOrSendTimeAreMismatchedAndTheirPingsLost() throws Exception {
        try (LogCapture log = new LogCapture(PING_SESSION_LOG);
             ServerSocket fake = loopbackServer()) {
            CompletableFuture<CommandRun> receiver = pingAsync(fake, "--ping", "10", "--warmup", "0", "-v");
            Socket accepted = fake.accept();
            try (RawPeer sender = new RawPeer(accepted)) {
                FrameReader fromReceiver = handshake(sender);
                for (int i = 0; i < 10; i++) {
                    Frame.Ping ping = nextPing(fromReceiver, i);
                    Frame.Pong right = pong(ping);
                    sender.send(switch (i) {
                        case 3 -> new Frame.Pong(UUID.randomUUID(), i, ping.sentNanos(), 0, ping.paddingLength());
                        case 5 -> new Frame.Pong(ping.id(), i + 1, ping.sentNanos(), 0, ping.paddingLength());
                        case 7 -> new Frame.Pong(ping.id(), i, ping.sentNanos() + 1, 0, ping.paddingLength());
                        default -> right;
                    });
                }
                assertThat(sender.readUntilClosed()).isTrue();
            }
            CommandRun run = receiver.get(20, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out()).contains(": 10 pings of 64 bytes, 7 answered, 3 lost, 3 mismatched")
                    .doesNotContain("ended early");
            assertThat(PingIT.ReplyLine.all(run.out())).extracting(PingIT.ReplyLine::sequence)
                    .containsExactly(0L, 1L, 2L, 4L, 6L, 8L, 9L);
            assertThat(log.problemsMentioning("does not match")).hasSize(3);
        }
    }

    @Test
    void pingsStayAnIntervalApartAfterASlowAnswer() throws Exception {
        // --interval is "time between pings": a late answer delays the next ping, but the ones after it
        // must not be sent back to back to catch up with the schedule
        int count = 8;
        List<Long> arrivals = new ArrayList<>();
        try (ServerSocket fake = loopbackServer()) {
            CompletableFuture<CommandRun> receiver = pingAsync(fake, "--ping", String.valueOf(count), "--warmup", "0",
                    "--interval", "20ms");
            Socket accepted = fake.accept();
            try (RawPeer sender = new RawPeer(accepted)) {
                FrameReader fromReceiver = handshake(sender);
                for (int i = 0; i < count; i++) {
                    Frame.Ping ping = nextPing(fromReceiver, i);
                    arrivals.add(System.nanoTime());
                    if (i == 1) {
                        Thread.sleep(200);
                    }
                    sender.send(pong(ping));
                }
                assertThat(sender.readUntilClosed()).isTrue();
            }
            CommandRun run = receiver.get(20, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        }
        List<Long> gapsMillis = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gapsMillis.add(TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1)));
        }
        // from the slow answer on: the first PING's arrival is when this test, decrypting its
        // first TLS record with a cold JIT, got to it, by which time the second may be there too
        assertThat(gapsMillis.subList(1, gapsMillis.size()))
                .as("milliseconds between PINGs as they arrived from the slow answer on, with --interval 20ms")
                .allMatch(gap -> gap >= 10);
    }

    @Test
    void senderShuttingDownEndsTheRunWithTheRestLost() throws Exception {
        int count = 5000;
        CompletableFuture<CommandRun> receiver;
        try (LogCapture log = new LogCapture(PING_SESSION_LOG);
             InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 1, 1, 1,
                Duration.ZERO, 4, Duration.ofSeconds(10), Duration.ofSeconds(10)))) {
            receiver = CompletableFuture.supplyAsync(() -> CommandRun.receiver("--port", String.valueOf(sender.port()),
                    "--ping", String.valueOf(count), "--warmup", "0", "--interval", "1ms", "--retries", "1", "--no-log-file"));
            // pinging once the TLS handshake and the HELLOs are done, which the accepted connection is not yet
            while (log.linesMentioning("; pinging").isEmpty() && !receiver.isDone()) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
        }
        CommandRun run = receiver.get(20, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
        Matcher summary = Pattern.compile(": 5000 pings of 64 bytes, (\\d+) answered, (\\d+) lost, 0 mismatched")
                .matcher(run.out());
        assertThat(summary.find()).as(run.out()).isTrue();
        long answered = Long.parseLong(summary.group(1));
        assertThat(answered).isPositive().isLessThan(count);
        assertThat(Long.parseLong(summary.group(2))).isEqualTo(count - answered);
        // a PING that reaches the sender after its last read makes its close a reset
        assertThat(run.out()).containsPattern(
                "ping run ended early: (sender closed the connection after \\d+ answers|Connection reset)");
    }

    private static ServerSocket loopbackServer() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** Runs {@code receiver --ping ...} against the fake sender on another thread. */
    private static CompletableFuture<CommandRun> pingAsync(ServerSocket fake, String... args) {
        List<String> argv = new ArrayList<>(List.of("--port", String.valueOf(fake.getLocalPort()), "--retries", "1",
                "--no-log-file"));
        argv.addAll(List.of(args));
        return CompletableFuture.supplyAsync(() -> CommandRun.receiver(argv.toArray(String[]::new)));
    }

    /** Plays the sender's part of the opening: HELLO both ways, then the receiver's REQUEST PING. */
    private static FrameReader handshake(RawPeer sender) throws IOException {
        FrameReader fromReceiver = sender.reader();
        sender.helloAs(Role.SENDER);
        assertThat(fromReceiver.readHello().role()).isEqualTo(Role.RECEIVER);
        assertThat(fromReceiver.next()).isEqualTo(new Frame.Request(RequestKind.PING));
        return fromReceiver;
    }

    private static Frame.Ping nextPing(FrameReader fromReceiver, long sequence) throws IOException {
        Frame frame = fromReceiver.next();
        assertThat(frame).isInstanceOf(Frame.Ping.class);
        Frame.Ping ping = (Frame.Ping) frame;
        assertThat(ping.sequence()).isEqualTo(sequence);
        assertThat(ping.paddingLength()).isEqualTo(64 - PingSettings.MIN_PAYLOAD);
        return ping;
    }

    /** The right answer: the same id, sequence number, send time and padding. */
    private static Frame.Pong pong(Frame.Ping ping) {
        return new Frame.Pong(ping.id(), ping.sequence(), ping.sentNanos(), 0, ping.paddingLength());
    }
}
