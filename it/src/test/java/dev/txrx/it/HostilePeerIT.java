package dev.txrx.it;

import dev.txrx.receiver.store.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HostilePeerIT {

    @TempDir
    Path dir;

    static final String SENDER_SESSION_LOG = "dev.txrx.common.transport.PeerConnection";

    private LogCapture logged;

    @BeforeEach
    void captureLog() {
        logged = new LogCapture(SENDER_SESSION_LOG);
    }

    @AfterEach
    void releaseLog() {
        logged.close();
    }

    @Test
    void httpRequestIsRefusedAndLoggedOnceThenARealReceiverSucceeds() throws Exception {
        try (InProcessSender sender = new InProcessSender(dir.resolve("outputs"), 3)) {
            int localPort;
            byte[] answer;
            try (Socket http = new Socket(InetAddress.getLoopbackAddress(), sender.port())) {
                localPort = http.getLocalPort();
                http.setSoTimeout(10_000);
                http.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                answer = readToEnd(http.getInputStream());
            }
            // The sender greets with its HELLO, answers with an ERROR frame, and closes.
            assertThat(answer[4]).isEqualTo((byte) 0x01);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).contains("TXRX").contains("does not speak txrx");

            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);

            sender.awaitOutcomes(2);
            assertThat(logged.problemsMentioning("127.0.0.1:" + localPort))
                    .singleElement().asString().contains("looks like an HTTP request");
        }
    }

    @Test
    void randomBytesAndSilentDisconnectsDoNotStopTheSender() throws Exception {
        try (InProcessSender sender = new InProcessSender(dir.resolve("outputs"), 2)) {
            for (int i = 0; i < 5; i++) {
                try (Socket junk = new Socket(InetAddress.getLoopbackAddress(), sender.port())) {
                    byte[] noise = new byte[64];
                    new java.util.Random(i).nextBytes(noise);
                    if (i % 2 == 0) {
                        junk.getOutputStream().write(noise);
                    }
                }
            }
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        }
    }

    private static byte[] readToEnd(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }
}
