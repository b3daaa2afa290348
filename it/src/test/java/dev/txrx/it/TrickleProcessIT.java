package dev.txrx.it;

import dev.txrx.receiver.cli.TrickleOutput;
import dev.txrx.receiver.cli.TrickleView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.sender.conversation.SessionOutcome;
import dev.txrx.sender.conversation.TrickleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Trickle streams end to end: the sender and the receivers as separate processes, keys as stdin lines. */
@Timeout(60)
class TrickleProcessIT {

    private static final Pattern CONNECTED = Pattern.compile("receiver 127\\.0\\.0\\.1:(\\d+) connected");

    @TempDir
    Path dir;

    @Test
    void oneReceiverLeavesWhileTheSenderKeepsStreamingToAnother() throws Exception {
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, "--trickle", "--bind", "127.0.0.1",
                "--port", "0", "--min-burst", "2", "--max-burst", "5", "--min-interval", "10ms",
                "--max-interval", "30ms", "--no-log-file")) {
            sender.awaitOutput("waiting for a receiver", 30);
            int port = sender.listeningPort(30);
            try (AppProcess stayer = receiver(port, "-v");
                 AppProcess leaver = receiver(port)) {
                stayer.awaitOutput(TrickleView.HINT, 30);
                leaver.awaitOutput(TrickleView.HINT, 30);
                await(() -> connectedPorts(sender.out()).size() == 2, "both receivers connected", sender);

                leaver.sendLine("s");
                await(() -> TrickleOutput.statistics(leaver.out()).size() == 1, "the first statistics", leaver);
                int seen = leaver.out().length();
                await(() -> leaver.out().length() > seen, "text after the first statistics", leaver);
                leaver.sendLine("s");
                await(() -> TrickleOutput.statistics(leaver.out()).size() == 2, "the second statistics", leaver);
                leaver.sendLine("q");

                assertThat(leaver.awaitExit(10)).as(leaver.out() + leaver.err()).isEqualTo(ExitCode.OK);
                List<TrickleOutput.Statistics> statistics = TrickleOutput.statistics(leaver.out());
                assertThat(statistics).hasSize(2);
                TrickleOutput.assertConsistent(statistics);
                assertThat(statistics.get(0).received() + statistics.get(1).received())
                        .isEqualTo(statistics.get(1).total());
                TrickleOutput.Summary left = TrickleOutput.summary(leaver.out());
                assertThat(left.statistics()).isEqualTo(2);
                assertThat(left.how()).isEqualTo("left the stream");
                sender.awaitOutput("streamed " + left.symbols() + " symbols; the receiver left", 10);
                assertThat(sender.out()).as("only the receiver that quit has ended")
                        .containsOnlyOnce("; the receiver left");

                int burstsBefore = TrickleOutput.bursts(stayer.out()).size();
                await(() -> TrickleOutput.bursts(stayer.out()).size() > burstsBefore,
                        "text for the other receiver after the first left", stayer);
                stayer.sendLine("q");
                assertThat(stayer.awaitExit(10)).as(stayer.out() + stayer.err()).isEqualTo(ExitCode.OK);
                assertOneLinePerBurst(stayer.out(), 2, 5);

                List<Integer> ports = connectedPorts(sender.out());
                int leaverPort = leftPort(sender.out(), left.symbols());
                assertThat(ports).contains(leaverPort);
                int stayerPort = ports.get(0) == leaverPort ? ports.get(1) : ports.get(0);
                sender.awaitOutput("receiver 127.0.0.1:" + stayerPort + ": streamed "
                        + TrickleOutput.summary(stayer.out()).symbols() + " symbols; the receiver left", 10);
            }
            sender.signal("TERM");
            assertThat(sender.awaitExit(10)).isEqualTo(128 + 15);
            assertThat(sender.out()).contains("sender stopped; served 2 receivers (2 confirmed)");
        }
    }

    @Test
    void ctrlCOnATrickleReceiverPrintsItsTotalsAndExits130() throws Exception {
        try (InProcessSender sender = trickleSender(1, 8);
             AppProcess receiver = receiver(sender.port())) {
            receiver.awaitOutput(TrickleView.HINT, 30);
            receiver.sendLine("s");
            await(() -> TrickleOutput.statistics(receiver.out()).size() == 1, "statistics", receiver);

            receiver.signal("INT");

            assertThat(receiver.awaitExit(10)).isEqualTo(ExitCode.INTERRUPTED);
            TrickleOutput.Summary summary = TrickleOutput.summary(receiver.out());
            assertThat(summary.statistics()).isEqualTo(1);
            assertThat(summary.how()).isEqualTo("interrupted");
            assertThat(summary.symbols()).isGreaterThanOrEqualTo(TrickleOutput.statistics(receiver.out()).get(0).total());
            sender.awaitOutcomes(1);
            SessionOutcome outcome = sender.outcomes.get(0);
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.activity()).as("the sender reports the stream, not a file session: %s", outcome)
                    .startsWith("streamed ");
        }
    }

    /**
     * In a pseudo-terminal (through {@code script}): keys work without Enter, and Ctrl-C prints the
     * totals, exits 130 and leaves the terminal's settings as they were before.
     */
    @Test
    void terminalKeysNeedNoEnterAndCtrlCGivesTheTerminalBack() throws Exception {
        try (InProcessSender sender = trickleSender(1, 8)) {
            String receiver = AppProcess.shellCommand(AppProcess.RECEIVER_JAR, "--port", String.valueOf(sender.port()),
                    "--no-log-file");
            String shown;
            // the trap keeps the shell until the receiver has exited
            try (PseudoTerminal terminal = PseudoTerminal.run("trap true INT; stty -g; " + receiver
                    + "; echo EXIT=$?; stty -g")) {
                terminal.awaitText(TrickleView.HINT);
                int afterHint = terminal.shown().indexOf(TrickleView.HINT) + TrickleView.HINT.length();
                // raw mode starts with the first key asked for, right after the hint; let some text through
                terminal.await(() -> terminal.shown().length() > afterHint + 40, "text after the hint");
                terminal.type('s');
                terminal.awaitText("statistics:");
                terminal.type(PseudoTerminal.CTRL_C);
                terminal.awaitEnd(15);
                shown = terminal.shown();
            }

            List<String> lines = List.of(shown.split("\r?\n"));
            assertThat(lines).as(shown).contains("EXIT=" + ExitCode.INTERRUPTED);
            String before = lines.get(0);
            String after = lines.get(lines.indexOf("EXIT=" + ExitCode.INTERRUPTED) + 1);
            assertThat(before).as("stty -g before the receiver").matches("[0-9a-f]+(:[0-9a-f]+)+");
            assertThat(after).as("stty -g after the receiver, then before it").isEqualTo(before);
            TrickleOutput.Summary summary = TrickleOutput.summary(shown.replace("\r", ""));
            assertThat(summary.statistics()).isEqualTo(1);
            assertThat(summary.how()).isEqualTo("interrupted");
            TrickleOutput.assertConsistent(TrickleOutput.statistics(shown.replace("\r", "")));
        }
    }

    private InProcessSender trickleSender(int minBurst, int maxBurst) throws java.io.IOException {
        return new InProcessSender(InProcessSender.withTrickle(
                InProcessSender.settings(dir.resolve("outputs"), 0, 0, 0, 0, Duration.ZERO, 256,
                        Duration.ofSeconds(10), Duration.ofSeconds(10)),
                new TrickleSettings(minBurst, maxBurst, Duration.ofMillis(10), Duration.ofMillis(30))));
    }

    private AppProcess receiver(int port, String... more) throws java.io.IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--port", String.valueOf(port), "--no-log-file"));
        args.addAll(List.of(more));
        return AppProcess.start(AppProcess.RECEIVER_JAR, args.toArray(String[]::new));
    }

    /**
     * With {@code -v}: the connection (to whom, encrypted how), the hint, then one line per burst
     * with its size, then the summary; nothing else.
     */
    private static void assertOneLinePerBurst(String out, int minBurst, int maxBurst) {
        List<TrickleOutput.Burst> bursts = TrickleOutput.bursts(out);
        assertThat(bursts).isNotEmpty().allSatisfy(burst -> {
            assertThat(burst.size()).isBetween(minBurst, maxBurst);
            assertThat(burst.text()).hasSize(burst.size()).matches("[!-~]+");
        });
        assertThat(out.lines()).hasSize(bursts.size() + 3);
        assertThat(out).startsWith("connected to sender 127.0.0.1:").contains(", encrypted with TLSv1.3 ");
        assertThat(out.lines().skip(1).findFirst()).hasValue(TrickleView.HINT);
        assertThat(bursts.stream().mapToLong(TrickleOutput.Burst::size).sum())
                .isEqualTo(TrickleOutput.summary(out).symbols());
    }

    /** The port of the receiver that the sender reports as having left after {@code symbols} symbols. */
    private static int leftPort(String senderOut, long symbols) {
        Matcher m = Pattern.compile("receiver 127\\.0\\.0\\.1:(\\d+): streamed " + symbols
                + " symbols; the receiver left").matcher(senderOut);
        assertThat(m.find()).as(senderOut).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The ports of the receivers the sender reported as connected, in order. */
    private static List<Integer> connectedPorts(String senderOut) {
        Matcher m = CONNECTED.matcher(senderOut);
        List<Integer> ports = new java.util.ArrayList<>();
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    private static void await(Supplier<Boolean> condition, String what, AppProcess process)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("%s; output so far:%n%s%n%s", what, process.out(), process.err())
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
