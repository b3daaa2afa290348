package dev.txrx.it;

import dev.txrx.receiver.store.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.tls.Tls;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 15: peers that complete the handshake and then send a byte now and then, each
 * within the idle timeout, must not hold every slot. With {@code --max-clients 8}, eight such
 * peers are dropped by the minimum rate while they are still dribbling, and a genuine peer is
 * served: a receiver of the sender, an uploading sender of {@code receiver --listen}.
 */
@Timeout(60)
class DribblingPeersIT {

    private static final int SLOTS = 8;
    /** A byte every 250 ms: 4 B/s, four times within each idle timeout of 1 s, far below 1 KiB/s. */
    private static final Duration DRIBBLE = Duration.ofMillis(250);
    /** Long enough that a dribble that is not cut off outlives the genuine peer's whole retry budget. */
    private static final int DRIBBLED_BYTES = 60;

    @TempDir
    Path dir;

    @Test
    void theSenderDropsReceiversThatDribbleTheirResumeAndServesAGenuineOne() throws Exception {
        try (LogCapture log = new LogCapture(HostilePeerIT.SENDER_SESSION_LOG);
             InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 3,
                     1, 4096, Duration.ZERO, SLOTS, Duration.ofSeconds(2), Duration.ofSeconds(1)).withMinRate(1024))) {
            byte[] opening = concat(RawPeer.encode(helloWithToken(Role.RECEIVER, "dribbler")),
                    RawPeer.encode(new Frame.Request(RequestKind.FILES)));
            byte[] resume = concat(RawPeer.encode(new Frame.Resume(UUID.randomUUID(), 1000)),
                    RawPeer.encode(new Frame.Have(1, 1 << 20, 0, 0, 0, "a-file-the-dribbler-claims-to-hold")));
            List<Tls> identities = identities();
            List<Dribbler> dribblers = new ArrayList<>();
            try {
                for (Tls identity : identities) {
                    dribblers.add(new Dribbler(sender.port(), identity, opening, prefix(resume, DRIBBLED_BYTES),
                            DRIBBLE));
                }
                awaitActive(sender, SLOTS);

                CommandRun genuine = CommandRun.receiver("--port", String.valueOf(sender.port()), "--output-dir",
                        dir.resolve("received").toString(), "--retries", "10", "--retry-delay", "200ms",
                        "--max-retry-delay", "500ms", "--no-progress");

                assertThat(genuine.exitCode()).as(genuine.out() + genuine.err()).isEqualTo(ExitCode.OK);
                try (var files = Files.list(dir.resolve("received"))) {
                    assertThat(files.count()).isEqualTo(3);
                }
                for (Dribbler dribbler : dribblers) {
                    assertThat(dribbler.awaitCutOff(Duration.ofSeconds(20))).as("dribbler cut off").isTrue();
                }
                // a dribbler sees its cut before the session's thread logs why: the outcomes come after
                sender.awaitOutcomes(SLOTS + 1);
                for (Dribbler dribbler : dribblers) {
                    assertThat(log.problemsMentioning("127.0.0.1:" + dribbler.localPort() + " "))
                            .singleElement().asString().contains("too slow: ")
                            .contains("below the minimum of 1.00 KiB/s");
                }
            } finally {
                for (Dribbler dribbler : dribblers) {
                    dribbler.close();
                }
            }
        }
    }

    @Test
    void aListeningReceiverDropsSlowUploadersAndTakesAGenuineUpload() throws Exception {
        Path tree = dir.resolve("source/tree");
        SourceFiles.file(tree.resolve("data.bin"), SourceFiles.random(7, 100_000), "rw-r--r--", SourceFiles.time(1));
        Path received = dir.resolve("received");
        try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--listen", "--bind", "127.0.0.1",
                "--port", "0", "--max-clients", String.valueOf(SLOTS), "--idle-timeout", "1s", "--min-rate", "1K",
                "--output-dir", received.toString(), "--no-progress")) {
            receiver.awaitOutput("receiver listening on 127.0.0.1:", 30);
            Matcher listening = Pattern.compile("receiver listening on 127\\.0\\.0\\.1:(\\d+)").matcher(receiver.out());
            assertThat(listening.find()).isTrue();
            int port = Integer.parseInt(listening.group(1));

            byte[] opening = RawPeer.encode(helloWithToken(Role.SENDER, "slow-uploader"));
            byte[] start = RawPeer.encode(new Frame.SessionStart(UUID.randomUUID(), false, "x".repeat(200)));
            List<Tls> identities = identities();
            List<Dribbler> uploaders = new ArrayList<>();
            try {
                for (Tls identity : identities) {
                    uploaders.add(new Dribbler(port, identity, opening, prefix(start, DRIBBLED_BYTES), DRIBBLE));
                }
                for (Dribbler uploader : uploaders) {
                    assertThat(uploader.awaitCutOff(Duration.ofSeconds(30))).as("slow uploader cut off").isTrue();
                }

                CommandRun genuine = CommandRun.sender("--connect", "127.0.0.1:" + port, "--send", tree.toString());

                assertThat(genuine.exitCode()).as(genuine.out() + genuine.err()).isEqualTo(ExitCode.OK);
                assertThat(genuine.out()).contains("confirmed: totals and digest match");
                assertThat(TreeSnapshot.sha256(received.resolve("tree/data.bin")))
                        .isEqualTo(TreeSnapshot.sha256(tree.resolve("data.bin")));
                for (Dribbler uploader : uploaders) {
                    // the receiver's warnings go to its stderr
                    assertThat(receiver.err()).contains("127.0.0.1:" + uploader.localPort() + " lost: too slow: ");
                }
            } finally {
                for (Dribbler uploader : uploaders) {
                    uploader.close();
                }
            }
            receiver.signal("INT");
            assertThat(receiver.awaitExit(10)).isEqualTo(ExitCode.INTERRUPTED);
        }
    }

    private static void awaitActive(InProcessSender sender, int count) throws InterruptedException {
        while (sender.server().activeSessions() < count) {
            Thread.sleep(10);
        }
    }

    /**
     * One identity per dribbler, made before any connects: every dribbler must hold its slot at
     * the same time, and the first is dropped about an idle timeout after it connected.
     */
    private static List<Tls> identities() {
        return java.util.stream.Stream.generate(TestSecurity::tls).limit(SLOTS).toList();
    }

    /** A HELLO that presents the tests' token: a dribbler is authorized, and slow all the same. */
    private static Frame.Hello helloWithToken(Role role, String agent) {
        return new Frame.Hello(FrameFormat.VERSION, role, agent, null, TestSecurity.TOKEN.reveal());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] prefix(byte[] bytes, int length) {
        return java.util.Arrays.copyOf(bytes, Math.min(length, bytes.length));
    }
}
