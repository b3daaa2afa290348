package dev.txrx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.report.TransferSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The log's start and outcome lines: what ran, how each session ended, and never a secret. */
class RunLogTest {

    private static final String PIN = "ab".repeat(32);
    private static final String TOKEN = "3b1f0c9e6a4d2e7f8091a2b3c4d5e6f7";

    @Command(name = "app")
    static final class App {
        @Option(names = {"-p", "--port"})
        int port;

        @Option(names = "--once")
        boolean once;

        @Option(names = "--send", arity = "1..*")
        List<Path> send = new ArrayList<>();

        @Option(names = "--token", description = "a secret typed on the command line")
        String token;

        @Mixin
        SecurityOptions security;

        @Parameters(arity = "0..*")
        List<String> positional = new ArrayList<>();
    }

    private static CommandLine.ParseResult parse(String... args) {
        return new CommandLine(new App()).parseArgs(args);
    }

    @Test
    void theStartLineNamesAppVersionModeAndTheOptionsAsGiven() {
        String line = RunLog.startLine("sender", "0.1.0", "listen, send",
                parse("-p", "0", "--once", "--send", "a", "b", "--token-file", "/run/token"));

        assertThat(line).startsWith("sender 0.1.0 (protocol 3, java ")
                .endsWith(") started: mode listen, send; options: --port 0 --once --send a b --token-file /run/token");
    }

    @Test
    void aRunWithNoOptionsSaysSo() {
        assertThat(RunLog.startLine("receiver", "dev", "files", parse())).endsWith("started: mode files; options: none");
    }

    @Test
    void aTicketsTokenAndASecretOptionNeverReachTheLine() {
        String ticket = "txrx:192.0.2.1,[fd00::2]:7878:" + PIN + ":" + TOKEN;
        String line = RunLog.startLine("receiver", "dev", "files", parse("--ticket", ticket, "--token", "s3cret",
                ticket));

        assertThat(line).doesNotContain(TOKEN).doesNotContain("s3cret")
                .endsWith("options: --ticket txrx:192.0.2.1,[fd00::2]:7878:" + PIN + ":<hidden> --token <hidden> "
                        + "txrx:192.0.2.1,[fd00::2]:7878:" + PIN + ":<hidden>");
        assertThat(RunLog.withoutToken("txrx:h:1:" + PIN + ":")).as("no token to hide").isEqualTo("txrx:h:1:" + PIN + ":");
        assertThat(RunLog.withoutToken("outputs")).isEqualTo("outputs");
    }

    @Test
    void theOutcomeLineHasPeerFilesBytesSecondsTheWholeDigestAndTheVerdict() {
        byte[] digest = new byte[32];
        digest[31] = 1;
        TransferSummary summary = new TransferSummary("sent", 1, 72013, Duration.ofMillis(213), digest);

        assertThat(RunLog.sessionLine("receiver", "[::1]:5000", summary, "confirmed"))
                .isEqualTo("session with receiver [::1]:5000: sent 1 file, 72013 bytes in 0.213 s, digest "
                        + "00".repeat(31) + "01; confirmed");
        assertThat(RunLog.activityLine("receiver", "127.0.0.1:5000", "answered 10 pings", Duration.ofMillis(512),
                "done")).isEqualTo("session with receiver 127.0.0.1:5000: answered 10 pings in 0.512 s; done");
        assertThat(RunLog.activityLine("sender", "127.0.0.1:5000", "received 3 symbols", null, "left the stream"))
                .isEqualTo("session with sender 127.0.0.1:5000: received 3 symbols; left the stream");
    }
}
