package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while the progress bar is drawn, in a real pseudo-terminal (through {@code script}): the
 * bar has the percentage and total the sender announced, and the totals, the verdict and the
 * resume hint still appear, as they do without the bar.
 */
@Timeout(60)
class ProgressInterruptIT {

    private static final Pattern PERCENT = Pattern.compile("receiving +\\d+% \\[");

    @TempDir
    Path dir;

    @Test
    void ctrlCWhileTheBarIsDrawnPrintsTheTotalsAndTheResumeHint() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("src/big"));
        byte[] content = new byte[16 << 20];
        new Random(21).nextBytes(content);
        Files.write(tree.resolve("big.bin"), content);
        try (InProcessSender sender = new InProcessSender(InProcessSender.withRate(InProcessSender.sending(tree),
                2 << 20))) {
            String receiver = AppProcess.shellCommand(AppProcess.RECEIVER_JAR, "--port", String.valueOf(sender.port()),
                    "--no-log-file", "--output-dir", dir.resolve("received").toString());
            // the trap keeps the shell until the receiver exits
            try (PseudoTerminal terminal = PseudoTerminal.run("trap true INT; " + receiver + "; echo EXIT=$?")) {
                // the sender told the totals, so the bar has a percentage, the total and an estimate
                terminal.await(() -> PERCENT.matcher(terminal.shown()).find(), "a bar with a percentage");
                terminal.type(PseudoTerminal.CTRL_C);
                terminal.awaitEnd(20);
                String text = terminal.lines();
                assertThat(text).containsPattern("receiving +\\d+% \\[=*>? *\\] +[0-9.]+ [KM]?i?B/16.0 MiB .*ETA")
                        .contains("EXIT=" + ExitCode.INTERRUPTED)
                        .containsPattern("received \\d+ files, \\d+ bytes")
                        .contains("NOT verified: interrupted")
                        .contains("run the same command again to resume");
            }
        }
    }
}
