package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.CommandLines;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.LogFileOptions;
import dev.txrx.cli.Logging;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The rotating log files: the apps run as separate processes in a working directory of the
 * test's own, where {@code logs/<app>.log} resolves.
 */
@Timeout(60)
class LogFileIT {

    @TempDir
    Path dir;

    @Test
    void receiverLogsInfoWithoutVerboseAndDebugWithIt() throws Exception {
        Path quiet = Files.createDirectories(dir.resolve("quiet"));
        Path verbose = Files.createDirectories(dir.resolve("verbose"));
        try (InProcessSender sender = generatingSender();
             AppProcess plain = AppProcess.startIn(quiet, AppProcess.RECEIVER_JAR, "--port",
                     String.valueOf(sender.port()), "--ping", "20");
             AppProcess chatty = AppProcess.startIn(verbose, AppProcess.RECEIVER_JAR, "--port",
                     String.valueOf(sender.port()), "--ping", "20", "-vv")) {
            assertThat(plain.awaitExit(30)).as(plain.out() + plain.err()).isEqualTo(ExitCode.OK);
            assertThat(chatty.awaitExit(30)).as(chatty.out() + chatty.err()).isEqualTo(ExitCode.OK);

            String info = Files.readString(quiet.resolve("logs/receiver.log"));
            assertThat(info).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  .*connected to "
                    + "127\\.0\\.0\\.1:" + sender.port()).doesNotContain(" DEBUG ");
            String debug = Files.readString(verbose.resolve("logs/receiver.log"));
            assertThat(debug).contains(" INFO ").contains(" DEBUG ").contains("Ping[").contains("Pong[");
            assertThat(listing(quiet)).containsExactly("logs");
            assertThat(listing(quiet.resolve("logs"))).containsExactly("receiver.log");
        }
    }

    /**
     * The sender writes its own log in its working directory; both logs start with a line of what
     * ran, the ticket's token hidden, and end each session with its outcome, the whole digest,
     * which the console shortens.
     */
    @Test
    void eachLogHasAStartLineAndOneOutcomeLinePerSessionWithTheWholeDigest() throws Exception {
        Path work = Files.createDirectories(dir.resolve("sender"));
        Path receiverLog = dir.resolve("receiver/receiver.log");
        CommandRun run;
        String ticket;
        try (AppProcess sender = AppProcess.startIn(work, AppProcess.SENDER_JAR, "--bind", "127.0.0.1", "--port",
                "0", "--once", "--count", "2", "--min-size", "1K", "--max-size", "1K",
                "--max-interval", "1ms", "--output-dir", "outputs")) {
            sender.awaitOutput("waiting for a receiver", 30);
            int port = sender.listeningPort(30);
            Matcher printed = Pattern.compile("(?m)^ticket: (\\S+)$").matcher(sender.out());
            assertThat(printed.find()).as(sender.out()).isTrue();
            ticket = printed.group(1);
            try {
                run = CommandRun.receiver("--ticket", ticket, "--port", String.valueOf(port), "--discard",
                        "--no-progress", "--log-file", receiverLog.toString());
            } finally {
                noLogFile();
            }
            assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.OK);
            assertThat(sender.awaitExit(20)).as(sender.out() + sender.err()).isEqualTo(ExitCode.OK);
        }
        String token = ticket.substring(ticket.lastIndexOf(':') + 1);
        assertThat(token).isNotEmpty();
        String senderLog = Files.readString(work.resolve("logs/sender.log"));
        assertThat(senderLog).contains(" INFO ").contains("receiver 127.0.0.1:").doesNotContain(" DEBUG ")
                .containsPattern("(?m) - sender \\S+ \\(protocol 3, java [^)]+\\) started: mode listen, generate; "
                        + "options: --bind 127.0.0.1 --port 0 --once --count 2 --min-size 1K --max-size 1K "
                        + "--max-interval 1ms --output-dir outputs --identity \\S+ --token-file \\S+$");
        Matcher sent = Pattern.compile("(?m) - session with receiver 127\\.0\\.0\\.1:\\d+: sent 2 files, 2048 bytes "
                + "in \\d+\\.\\d{3} s, digest ([0-9a-f]{64}); confirmed$").matcher(senderLog);
        assertThat(sent.find()).as(senderLog).isTrue();
        String digest = sent.group(1);
        assertThat(listing(work.resolve("logs"))).containsExactly("sender.log");

        String receiverLines = Files.readString(receiverLog);
        assertThat(receiverLines).doesNotContain(token)
                .contains("started: mode files; options: --ticket " + ticket.substring(0, ticket.lastIndexOf(':') + 1)
                        + "<hidden> --port ")
                .containsPattern("(?m) - session with sender 127\\.0\\.0\\.1:\\d+: received 2 files, 2048 bytes in "
                        + "\\d+\\.\\d{3} s, digest " + digest + "; verified$");
        assertThat(run.out()).as("the console shows the digest's first 16 hex digits")
                .contains(", digest " + digest.substring(0, 16) + "\n").doesNotContain(digest);
    }

    @Test
    void verboseSessionRollsTheLogOverAndKeepsAtMostMaxFiles() throws Exception {
        Path work = Files.createDirectories(dir.resolve("rolling"));
        try (InProcessSender sender = generatingSender();
             AppProcess receiver = AppProcess.startIn(work, AppProcess.RECEIVER_JAR, "--port",
                     String.valueOf(sender.port()), "--ping", "300", "--warmup", "0", "--interval", "2ms", "-vv",
                     "--log-max-size", "1K", "--log-max-files", "3")) {
            assertThat(receiver.awaitExit(30)).as(receiver.out() + receiver.err()).isEqualTo(ExitCode.OK);
        }
        // 300 pings at -vv log some 600 lines, over 100 KiB: far more than four files of 1 KiB
        Path logs = work.resolve("logs");
        assertThat(listing(logs)).as("the current file and three rotated ones")
                .containsExactlyInAnyOrder("receiver.log", "receiver.1.log", "receiver.2.log", "receiver.3.log");
        for (String name : listing(logs)) {
            assertThat(Files.size(logs.resolve(name))).as("%s stays near --log-max-size 1K", name)
                    .isLessThan(64 * 1024);
        }
        assertThat(Files.readString(logs.resolve("receiver.1.log"))).contains(" DEBUG ");
    }

    @Test
    void logFileOptionChoosesThePathAndNoLogFileWritesNone() throws Exception {
        Path chosen = Files.createDirectories(dir.resolve("chosen"));
        Path none = Files.createDirectories(dir.resolve("none"));
        try (InProcessSender sender = generatingSender();
             AppProcess elsewhere = AppProcess.startIn(chosen, AppProcess.RECEIVER_JAR, "--port",
                     String.valueOf(sender.port()), "--ping", "5", "--log-file", "custom/ping.log");
             AppProcess nowhere = AppProcess.startIn(none, AppProcess.RECEIVER_JAR, "--port",
                     String.valueOf(sender.port()), "--ping", "5", "-v", "--no-log-file")) {
            assertThat(elsewhere.awaitExit(30)).as(elsewhere.out() + elsewhere.err()).isEqualTo(ExitCode.OK);
            assertThat(nowhere.awaitExit(30)).as(nowhere.out() + nowhere.err()).isEqualTo(ExitCode.OK);
        }
        assertThat(listing(chosen)).containsExactly("custom");
        assertThat(listing(chosen.resolve("custom"))).containsExactly("ping.log");
        assertThat(Files.readString(chosen.resolve("custom/ping.log"))).contains("connected to 127.0.0.1:");
        assertThat(listing(none)).as("no logs directory, no file").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--log-max-size 1023", "--log-max-size 0", "--log-max-files 0", "--log-max-files 21"})
    void badLogOptionsAreUsageErrors(String option) {
        String[] parts = option.split(" ");
        CommandRun run = CommandRun.receiver("--port", "1", "--retries", "1", "--ping", "1", parts[0], parts[1]);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().findFirst().orElse("")).startsWith("receiver: ").contains(parts[0]);
        assertThat(run.err()).doesNotContain("Connection refused");
    }

    /** A command that sets up logging as the apps do and then fails with an unexpected exception. */
    @Command(name = "crashing")
    static final class Crashing implements Callable<Integer> {
        @Mixin
        LogFileOptions logFile;

        @Override
        public Integer call() {
            Logging.configure("crashing", false, logFile, new PrintWriter(System.err, true));
            throw new IllegalStateException("deliberate failure for the test");
        }
    }

    @Test
    void crashPutsItsStackTraceInTheLogFileAndOneLineOnTheConsole() throws Exception {
        Path file = dir.resolve("crash/crashing.log");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            code = CommandLines.create(new Crashing(), new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute("--log-file", file.toString());
        } finally {
            noLogFile();
        }

        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).isEqualTo("crashing: deliberate failure for the test" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readString(file)).contains(" ERROR ").contains(Logging.CRASH_LOGGER)
                .contains("java.lang.IllegalStateException: deliberate failure for the test")
                .containsPattern("\tat dev\\.txrx\\.it\\.LogFileIT\\$Crashing\\.call\\(LogFileIT\\.java:\\d+\\)");
    }

    /** This JVM's logging back to no file, after a run in it chose one. */
    private static void noLogFile() {
        LogFileOptions off = new LogFileOptions();
        off.disabled = true;
        Logging.configure("receiver", false, off, new PrintWriter(System.err, true));
    }

    private InProcessSender generatingSender() throws IOException {
        return new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 1, 1, 1, Duration.ZERO, 8,
                Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
