package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.tls.AccessToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whom the listening sides admit: {@code sender --send} and {@code receiver --listen} require the
 * token of their run (or an authorized identity), and a peer without it gets ERROR UNAUTHORIZED
 * and nothing of the catalogue, the content or another identity's session. Generated files admit
 * anyone.
 */
@Timeout(90)
class AuthorizationIT {

    @TempDir
    Path dir;

    @Test
    void aReceiverWithoutTheTokenIsRefusedAndGetsNothing() throws Exception {
        Path file = Files.write(dir.resolve("private.txt"), "not for everyone\n".getBytes());
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(file))) {
            CommandRun run = CommandRun.receiverWithoutToken("--port", String.valueOf(sender.port()),
                    "--output-dir", dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.UNAUTHORIZED);
            assertThat(run.err()).contains("refused us").contains("requires authorization").contains("--ticket")
                    .doesNotContain("is the sender running")
                    .as("the first answer is the refusal, read as such, not a broken connection to retry")
                    .doesNotContain("retrying");
            assertThat(dir.resolve("received/private.txt")).doesNotExist();
        }
    }

    /**
     * As users run it, in a process of its own: the receiver reads the refusal at its first attempt.
     * A sender that closed at once after its ERROR reset the connection under the receiver's
     * REQUEST, which then saw a broken pipe and tried again, several times, before it read why.
     */
    @Test
    void aReceiverProcessWithoutTheTokenReadsTheRefusalAtItsFirstAttempt() throws Exception {
        Path file = Files.write(dir.resolve("private.txt"), "not for everyone\n".getBytes());
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(file));
             AppProcess receiver = AppProcess.startWithoutToken(AppProcess.RECEIVER_JAR, "--port",
                     String.valueOf(sender.port()), "--output-dir", dir.resolve("received").toString(),
                     "--no-progress", "--no-log-file")) {
            assertThat(receiver.awaitExit(30)).as(receiver.err()).isEqualTo(ExitCode.UNAUTHORIZED);
            assertThat(receiver.err()).contains("refused us").contains("requires authorization")
                    .doesNotContain("Broken pipe").doesNotContain("retrying");
            assertThat(dir.resolve("received/private.txt")).doesNotExist();
        }
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("private.txt"), "not for everyone\n".getBytes());
        Path wrong = dir.resolve("wrong-token");
        AccessToken.generate().writeTo(wrong);
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(file))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--token-file",
                    wrong.toString(), "--output-dir", dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.UNAUTHORIZED);
            assertThat(run.err()).contains("wrong access token");
        }
    }

    @Test
    void aPeerWithoutTheTokenGetsUnauthorizedAndNoEntryOrFileFrame() throws Exception {
        Path file = Files.write(dir.resolve("private.txt"), "not for everyone\n".getBytes());
        for (RequestKind kind : List.of(RequestKind.LIST, RequestKind.FILES)) {
            try (InProcessSender sender = new InProcessSender(InProcessSender.sending(file));
                 RawPeer peer = new RawPeer(sender.port())) {
                peer.send(new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "no-token", null, ""))
                        .send(new Frame.Request(kind)).send(new Frame.Resume(new UUID(0, 0), 0));

                List<Frame> frames = peer.framesUntilClosed();

                assertThat(frames).as(kind.name()).hasSize(2);
                assertThat(frames.get(0)).isInstanceOf(Frame.Hello.class);
                assertThat(frames.get(1)).isInstanceOfSatisfying(Frame.Error.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
            }
        }
    }

    @Test
    void anUploadWithoutTheTokenIsRefusedAndStoresNothing() throws Exception {
        Path file = Files.write(dir.resolve("upload.txt"), "an upload\n".getBytes());
        Path stored = dir.resolve("stored");
        try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--listen", "--port", "0",
                "--bind", "127.0.0.1", "--output-dir", stored.toString())) {
            int port = receiver.listeningPort(30);
            CommandRun run = CommandRun.senderWithoutToken("--connect", "127.0.0.1:" + port, "--send",
                    file.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.UNAUTHORIZED);
            assertThat(run.err()).contains("requires authorization").doesNotContain("retrying");
            assertThat(stored.resolve("upload.txt")).doesNotExist();

            CommandRun allowed = CommandRun.sender("--connect", "127.0.0.1:" + port, "--send", file.toString());
            assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isEqualTo(ExitCode.OK);
            assertThat(stored.resolve("upload.txt")).hasContent("an upload");
        }
    }

    @Test
    void aSessionIsResumedOnlyForTheIdentityThatStartedIt() throws Exception {
        Path file = Files.write(dir.resolve("big.bin"), SourceFiles.random(1, 3_000_000));
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(file))) {
            UUID session;
            try (RawPeer first = new RawPeer(sender.port())) {
                first.helloAs(Role.RECEIVER).requestFiles();
                assertThat(first.nextFrame()).isInstanceOf(Frame.Hello.class);
                session = ((Frame.SessionStart) first.nextFrame()).session();
            }
            try (RawPeer other = new RawPeer(sender.port())) {
                other.helloAs(Role.RECEIVER).send(new Frame.Request(RequestKind.FILES))
                        .send(new Frame.Resume(session, 0));

                List<Frame> frames = other.framesUntilClosed();

                assertThat(frames).hasSize(2);
                assertThat(frames.get(1)).isInstanceOfSatisfying(Frame.Error.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                    assertThat(error.message()).contains(session.toString()).contains("another identity");
                });
            }
        }
    }

    @Test
    void generatedFilesAdmitAnyoneWithoutAToken() throws Exception {
        try (AppProcess sender = AppProcess.startWithoutToken(AppProcess.SENDER_JAR, "--port", "0", "--bind",
                "127.0.0.1", "--count", "3", "--max-interval", "5ms", "--min-interval", "1ms", "--once",
                "--output-dir", dir.resolve("outputs").toString())) {
            int port = sender.listeningPort(30);
            sender.awaitOutput("anyone may connect", 10);
            CommandRun run = CommandRun.receiverWithoutToken("--port", String.valueOf(port), "--output-dir",
                    dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(sender.awaitExit(30)).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void requireTokenMakesGeneratedFilesAskForItToo() throws Exception {
        try (AppProcess sender = AppProcess.startWithoutToken(AppProcess.SENDER_JAR, "--port", "0", "--bind",
                "127.0.0.1", "--count", "1", "--require-token", "--output-dir", dir.resolve("outputs").toString())) {
            int port = sender.listeningPort(30);
            sender.awaitOutput("a peer needs the token", 10);
            CommandRun run = CommandRun.receiverWithoutToken("--port", String.valueOf(port), "--output-dir",
                    dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.UNAUTHORIZED);
        }
    }

    @Test
    void anOpenSenderWarnsAndServesAnyone() throws Exception {
        Path file = Files.write(dir.resolve("public.txt"), "for everyone\n".getBytes());
        try (AppProcess sender = AppProcess.startWithoutToken(AppProcess.SENDER_JAR, "--send", file.toString(),
                "--open", "--port", "0", "--bind", "127.0.0.1", "--once")) {
            int port = sender.listeningPort(30);
            sender.awaitError("warning: --open", 10);
            CommandRun run = CommandRun.receiverWithoutToken("--port", String.valueOf(port), "--output-dir",
                    dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(dir.resolve("received/public.txt")).hasContent("for everyone");
        }
    }

    @Test
    void anAuthorizedIdentityNeedsNoToken() throws Exception {
        Path file = Files.write(dir.resolve("paired.txt"), "for a known receiver\n".getBytes());
        Path receiverIdentity = TestSecurity.identityDirectory();
        String fingerprint = dev.txrx.common.tls.Identity.loadOrCreate(receiverIdentity).fingerprint().toString();
        Path keys = Files.writeString(dir.resolve("authorized_keys"), fingerprint + " my laptop\n");
        try (AppProcess sender = AppProcess.startWithoutToken(AppProcess.SENDER_JAR, "--send", file.toString(),
                "--authorized-keys", keys.toString(), "--port", "0", "--bind", "127.0.0.1")) {
            int port = sender.listeningPort(30);
            CommandRun stranger = CommandRun.receiverWithoutToken("--port", String.valueOf(port), "--output-dir",
                    dir.resolve("stranger").toString(), "--no-progress");
            CommandRun known = CommandRun.receiverWithoutToken("--identity", receiverIdentity.toString(), "--port",
                    String.valueOf(port), "--output-dir", dir.resolve("known").toString(), "--no-progress");

            assertThat(stranger.exitCode()).as(stranger.out() + stranger.err()).isEqualTo(ExitCode.UNAUTHORIZED);
            assertThat(stranger.err()).contains("not in this sender's authorized keys");
            assertThat(known.exitCode()).as(known.out() + known.err()).isEqualTo(ExitCode.OK);
            assertThat(dir.resolve("known/paired.txt")).hasContent("for a known receiver");
        }
    }
}
