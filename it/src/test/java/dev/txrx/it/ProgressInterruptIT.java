package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.txrx.cli.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while the progress bar is drawn, in a real pseudo-terminal (through {@code script}): the
 * totals, the verdict and the resume hint still appear, as they do without the bar.
 */
@Timeout(60)
class ProgressInterruptIT {

    @TempDir
    Path dir;

    @Test
    void ctrlCWhileTheBarIsDrawnPrintsTheTotalsAndTheResumeHint() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "needs util-linux 'script' for a pseudo-terminal");
        Path tree = Files.createDirectories(dir.resolve("src/big"));
        byte[] content = new byte[16 << 20];
        new Random(21).nextBytes(content);
        Files.write(tree.resolve("big.bin"), content);
        try (InProcessSender sender = new InProcessSender(InProcessSender.withRate(InProcessSender.sending(tree),
                2 << 20))) {
            String receiver = AppProcess.shellCommand(AppProcess.RECEIVER_JAR, "--port", String.valueOf(sender.port()),
                    "--no-log-file", "--output-dir", dir.resolve("received").toString());
            // Ctrl-C reaches the whole foreground group; the trap keeps the shell (dash) until the receiver exits
            String command = "trap true INT; " + receiver + "; echo EXIT=$?";
            ProcessBuilder builder = AppProcess.inTemporaryConfig(
                    new ProcessBuilder(script.toString(), "-qfec", command, "/dev/null").redirectErrorStream(true));
            builder.environment().put("SHELL", "/bin/sh");
            Process terminal = builder.start();
            StringBuffer shown = new StringBuffer();
            Thread pump = new Thread(() -> {
                try {
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = terminal.getInputStream().read(buffer)) >= 0) {
                        shown.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (java.io.IOException ignored) {
                    // the terminal closed
                }
            }, "pty-pump");
            pump.setDaemon(true);
            pump.start();
            try {
                // the bar shows its task name once the first bytes arrived
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (shown.indexOf("receiving") < 0) {
                    assertThat(System.nanoTime() < deadline && terminal.isAlive()).as("the bar; shown:%n%s", shown)
                            .isTrue();
                    Thread.sleep(10);
                }
                terminal.getOutputStream().write(3);
                terminal.getOutputStream().flush();
                assertThat(terminal.waitFor(20, TimeUnit.SECONDS)).as(shown.toString()).isTrue();
                pump.join(2000);
            } finally {
                terminal.destroyForcibly();
            }
            String text = shown.toString().replace("\r", "\n");
            assertThat(text).contains("EXIT=" + ExitCode.INTERRUPTED)
                    .containsPattern("received \\d+ files, \\d+ bytes")
                    .contains("NOT verified: interrupted")
                    .contains("run the same command again to resume");
        }
    }
}
