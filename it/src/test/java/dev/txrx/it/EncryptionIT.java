package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses the network between the two apps as users run them: TLS records only, none of the
 * content; and a man in the middle with a certificate of its own is refused by a receiver that
 * knows whom to expect (a pin, or a known host), before anything of txrx is sent.
 */
@Timeout(90)
class EncryptionIT {

    private static final Pattern TICKET = Pattern.compile("ticket: (txrx:\\S+)");
    private static final Pattern FINGERPRINT = Pattern.compile("identity ([0-9a-f]{4}(?:-[0-9a-f]{4}){15})");

    @TempDir
    Path dir;

    @Test
    void aCaptureOfASendHoldsNoWindowOfTheFileAndStartsWithATlsRecord() throws Exception {
        byte[] content = pattern(3_000_000);
        Path file = Files.write(dir.resolve("pattern.bin"), content);
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--send", file.toString(), "--port", "0",
                "--once", "--bind", "127.0.0.1");
             RecordingProxy proxy = new RecordingProxy(sender.listeningPort(30))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(Files.readAllBytes(dir.resolve("received/pattern.bin"))).isEqualTo(content);
            assertThat(run.out()).contains("encrypted with TLSv1.3 TLS_");
            byte[] up = proxy.upstream();
            byte[] down = proxy.downstream();
            assertThat(down.length).as("the whole file crossed").isGreaterThan(content.length);
            assertThat(up[0]).as("a TLS handshake record first").isEqualTo((byte) 0x16);
            assertThat(up[1]).isEqualTo((byte) 0x03);
            assertThat(down[0]).isEqualTo((byte) 0x16);
            assertThat(sharesAWindow(content, down)).as("a 32-byte window of the file in the capture").isFalse();
            assertThat(sharesAWindow(content, up)).isFalse();
            assertThat(contains(up, TestSecurity.TOKEN.reveal().getBytes(StandardCharsets.US_ASCII)))
                    .as("the token in clear").isFalse();
            assertThat(sender.awaitExit(30)).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void aManInTheMiddleIsRefusedByTheTicketsPinAndLearnsNothing() throws Exception {
        Path file = Files.write(dir.resolve("secret.bin"), pattern(100_000));
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--send", file.toString(), "--port", "0",
                "--bind", "127.0.0.1");
             TlsInterceptor middle = new TlsInterceptor(sender.listeningPort(30))) {
            String ticket = ticket(sender);
            CommandRun run = CommandRun.receiver("--ticket", ticket, "--host", "127.0.0.1", "--port",
                    String.valueOf(middle.port()), "--output-dir", dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.UNTRUSTED);
            assertThat(run.err()).contains("not the pinned").contains("nothing was sent");
            assertThat(middle.handshakeCompleted()).isFalse();
            assertThat(middle.fromClient()).as("what the receiver told the man in the middle").isEmpty();
            assertThat(dir.resolve("received/secret.bin")).doesNotExist();
        }
    }

    @Test
    void aManInTheMiddleIsRefusedUnderTrustOnFirstUseOnceTheHostIsKnown() throws Exception {
        Path file = Files.write(dir.resolve("secret.bin"), pattern(100_000));
        Path identity = TestSecurity.identityDirectory();
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--send", file.toString(), "--port", "0",
                "--bind", "127.0.0.1");
             TlsInterceptor middle = new TlsInterceptor(sender.listeningPort(30))) {
            int port = sender.listeningPort(30);
            CommandRun first = CommandRun.receiver("--identity", identity.toString(), "--port", String.valueOf(port),
                    "--output-dir", dir.resolve("first").toString(), "--no-progress");
            assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCode.OK);
            assertThat(first.err()).contains("first connection to the sender at 127.0.0.1:" + port);
            // the interceptor takes the sender's place: same host, same port, as DNS or ARP spoofing would
            String knownHosts = Files.readString(identity.resolve("known_hosts"));
            Files.writeString(identity.resolve("known_hosts"), knownHosts.replace("127.0.0.1:" + port,
                    "127.0.0.1:" + middle.port()));

            CommandRun run = CommandRun.receiver("--identity", identity.toString(), "--port",
                    String.valueOf(middle.port()), "--output-dir", dir.resolve("second").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.UNTRUSTED);
            assertThat(run.err()).contains("has changed").contains("man in the middle").contains("--pin");
            assertThat(middle.fromClient()).isEmpty();
            assertThat(dir.resolve("second/secret.bin")).doesNotExist();
        }
    }

    @Test
    void bothAppsPrintTheirFingerprintAndTheReceiverTheSendersToo() throws Exception {
        Path file = Files.write(dir.resolve("small.bin"), pattern(1000));
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--send", file.toString(), "--port", "0",
                "--once", "--bind", "127.0.0.1")) {
            String ticket = ticket(sender);
            Matcher own = FINGERPRINT.matcher(sender.err());
            assertThat(own.find()).as(sender.err()).isTrue();
            CommandRun run = CommandRun.receiver("--ticket", ticket, "--host", "127.0.0.1", "--output-dir",
                    dir.resolve("received").toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.err()).containsPattern(FINGERPRINT);
            assertThat(run.out()).contains("its identity " + own.group(1));
            assertThat(sender.awaitExit(30)).isEqualTo(ExitCode.OK);
        }
    }

    static String ticket(AppProcess sender) throws InterruptedException {
        sender.awaitOutput("ticket: ", 30);
        Matcher ticket = TICKET.matcher(sender.out());
        assertThat(ticket.find()).isTrue();
        return ticket.group(1);
    }

    /** Content where every 32-byte window differs from the others: a counter in every 8 bytes. */
    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i + 8 <= size; i += 8) {
            long value = 0x5458525800000000L | i;
            for (int b = 0; b < 8; b++) {
                bytes[i + b] = (byte) (value >>> (56 - 8 * b));
            }
        }
        return bytes;
    }

    /**
     * True if any 32-byte window of {@code content} appears in {@code capture}. Every such window
     * holds a whole 16-byte block of {@code content} that starts at a multiple of 8, so looking for
     * those blocks at every offset of the capture is enough, and stricter.
     */
    private static boolean sharesAWindow(byte[] content, byte[] capture) {
        java.util.Map<java.nio.ByteBuffer, Integer> blocks = new java.util.HashMap<>();
        for (int i = 0; i + 16 <= content.length; i += 8) {
            blocks.put(java.nio.ByteBuffer.wrap(content, i, 16).slice(), i);
        }
        for (int p = 0; p + 16 <= capture.length; p++) {
            if (blocks.containsKey(java.nio.ByteBuffer.wrap(capture, p, 16).slice())) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
