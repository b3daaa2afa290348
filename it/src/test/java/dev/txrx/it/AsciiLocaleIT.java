package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bare jars under {@code LC_ALL=C}, where Java can neither read nor write a name such as
 * {@code résumé.txt} (its file names are ASCII): each side says so in one line that names the
 * file and the fix, instead of sending the name mangled or failing as an internal error. The
 * other side of each run is in this JVM, under the tests' C.UTF-8.
 */
@Timeout(60)
class AsciiLocaleIT {

    private static final String NAME = "résumé.txt";
    private static final String FIX = "run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8";

    @Test
    void aSenderUnderLangCRefusesToSendANameItCannotRead(@TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve(NAME), "bonjour", StandardCharsets.UTF_8);
        Path received = dir.resolve("received");
        try (AppProcess sender = AppProcess.startInLocale("C", AppProcess.SENDER_JAR, "--send", tree.toString(),
                "--port", "0", "--bind", "127.0.0.1", "--once")) {
            int port = sender.listeningPort(30);
            CommandRun run = CommandRun.receiver("--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--output-dir", received.toString(), "--retries", "1");

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.out() + run.err()).contains("the sender cannot read a file name under its locale");
            // a --once sender keeps waiting for its session to be resumed: its words are what matter
            sender.awaitOutput(FIX, 30);
            assertThat(sender.out()).contains("cannot send " + tree + "/r").doesNotContain("Malformed input");
        }
        if (Files.exists(received)) {
            try (Stream<Path> stored = Files.walk(received)) {
                assertThat(stored.map(Path::toString)).noneMatch(path -> path.contains("\uFFFD"));
            }
        }
    }

    @Test
    void aReceiverUnderLangCRefusesToStoreANameItCannotWrite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(NAME);
        Files.writeString(file, "bonjour", StandardCharsets.UTF_8);
        Path received = dir.resolve("received");
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(file));
             AppProcess receiver = AppProcess.startInLocale("C", AppProcess.RECEIVER_JAR, "--host", "127.0.0.1",
                     "--port", String.valueOf(sender.port()), "--output-dir", received.toString(), "--retries", "1")) {
            assertThat(receiver.awaitExit(30)).isNotZero();
            // the console is ASCII too: each "é" it cannot show is a '?'
            assertThat(receiver.out() + receiver.err()).contains("cannot store r?sum?.txt: ").contains(FIX)
                    .doesNotContain("internal error");
        }
        try (Stream<Path> stored = Files.list(received)) {
            assertThat(stored.filter(path -> !path.getFileName().toString().startsWith("."))).isEmpty();
        }
    }
}
