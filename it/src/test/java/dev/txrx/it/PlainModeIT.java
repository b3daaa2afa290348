package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plain} on both sides speaks in clear; on one side only, either way round and in both
 * directions of the data, the side that can tell says what to change in one line, at once.
 */
@Timeout(90)
class PlainModeIT {

    @TempDir
    Path dir;

    @Test
    void bothSidesInClearTransferAndSaySo() throws Exception {
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--plain", "--port", "0", "--bind",
                "127.0.0.1", "--count", "3", "--max-interval", "5ms", "--once", "--output-dir",
                dir.resolve("outputs").toString())) {
            int port = sender.listeningPort(30);
            sender.awaitError("warning: in clear", 10);
            CommandRun run = CommandRun.receiver("--plain", "--port", String.valueOf(port), "--output-dir",
                    dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("in clear (--plain)");
            assertThat(sender.awaitExit(30)).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void aReceiverWithTlsMeetingASenderInClearIsToldToAddPlain() throws Exception {
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--plain", "--port", "0", "--bind",
                "127.0.0.1", "--output-dir", dir.resolve("outputs").toString())) {
            int port = sender.listeningPort(30);
            CommandRun run = CommandRun.receiver("--port", String.valueOf(port), "--output-dir",
                    dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).contains("runs without TLS (--plain); add --plain").doesNotContain("attempt 2");
        }
    }

    @Test
    void aReceiverInClearMeetingASenderWithTlsIsToldToDropPlain() throws Exception {
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--port", "0", "--bind", "127.0.0.1",
                "--output-dir", dir.resolve("outputs").toString())) {
            int port = sender.listeningPort(30);
            CommandRun run = CommandRun.receiver("--plain", "--port", String.valueOf(port), "--output-dir",
                    dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).contains("speaks TLS").contains("drop --plain");
        }
    }

    @Test
    void anUploadInClearToAListenerWithTlsIsToldToDropPlain() throws Exception {
        Path file = Files.write(dir.resolve("upload.txt"), "an upload\n".getBytes());
        try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--listen", "--port", "0",
                "--bind", "127.0.0.1", "--output-dir", dir.resolve("stored").toString())) {
            int port = receiver.listeningPort(30);
            CommandRun run = CommandRun.sender("--plain", "--connect", "127.0.0.1:" + port, "--send",
                    file.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).contains("speaks TLS").contains("drop --plain");
        }
    }

    @Test
    void anUploadWithTlsToAListenerInClearIsToldToAddPlain() throws Exception {
        Path file = Files.write(dir.resolve("upload.txt"), "an upload\n".getBytes());
        try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--listen", "--plain", "--open",
                "--port", "0", "--bind", "127.0.0.1", "--output-dir", dir.resolve("stored").toString())) {
            int port = receiver.listeningPort(30);
            CommandRun run = CommandRun.sender("--connect", "127.0.0.1:" + port, "--send", file.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).contains("runs without TLS (--plain); add --plain");
            assertThat(dir.resolve("stored/upload.txt")).doesNotExist();
        }
    }

    @Test
    void realFilesInClearNeedOpenSaidAloud() {
        CommandRun run = CommandRun.sender("--plain", "--send", dir.toString(), "--port", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--plain cannot check a token").contains("--open");
    }
}
