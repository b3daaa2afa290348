package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A shell command run in a real pseudo-terminal, through util-linux {@code script}: what the
 * terminal shows (stdout and stderr together, with the terminal's {@code \r}), keys typed into
 * it, and its end. The test is skipped where {@code script} is missing. The shell is
 * {@code /bin/sh}; Ctrl-C reaches the whole foreground group, so a command that waits for an app
 * interrupted by Ctrl-C traps INT ({@code trap true INT; ...}) to outlive it (dash would otherwise
 * die at once).
 */
final class PseudoTerminal implements AutoCloseable {

    private static final Path SCRIPT = Path.of("/usr/bin/script");
    /** Ctrl-C, as the terminal reads it. */
    static final int CTRL_C = 3;

    private final Process terminal;
    private final StringBuffer shown = new StringBuffer();
    private final Thread pump;

    private PseudoTerminal(Process terminal) {
        this.terminal = terminal;
        this.pump = new Thread(() -> copy(terminal.getInputStream()), "pty-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** Runs {@code command} (for {@code sh -c}) in a new pseudo-terminal of the width {@code COLUMNS} gives. */
    static PseudoTerminal run(String command) throws IOException {
        assumeTrue(Files.isExecutable(SCRIPT), "needs util-linux 'script' for a pseudo-terminal");
        ProcessBuilder builder = AppProcess.inTemporaryConfig(
                new ProcessBuilder(SCRIPT.toString(), "-qfec", command, "/dev/null").redirectErrorStream(true));
        builder.environment().put("SHELL", "/bin/sh");
        return new PseudoTerminal(builder.start());
    }

    /** Everything the terminal showed so far, as it came. */
    String shown() {
        return shown.toString();
    }

    /** What it showed, with each {@code \r} a line break: redrawn lines become lines of their own. */
    String lines() {
        return shown.toString().replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Types {@code key}, as a person would press it. */
    void type(int key) throws IOException {
        terminal.getOutputStream().write(key);
        terminal.getOutputStream().flush();
    }

    /** Waits up to 15 s for {@code text} to be shown. */
    void awaitText(String text) throws InterruptedException {
        await(() -> shown.indexOf(text) >= 0, "'" + text + "'");
    }

    /** Waits up to 15 s for {@code condition}, failing with what was shown if it does not come or the command ends first. */
    void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.get()) {
            assertThat(System.nanoTime() < deadline && terminal.isAlive()).as("%s; shown so far:%n%s", what, shown)
                    .isTrue();
            Thread.sleep(10);
        }
    }

    /** Waits up to {@code seconds} for the command to end and for everything it showed. */
    void awaitEnd(int seconds) throws InterruptedException {
        assertThat(terminal.waitFor(seconds, TimeUnit.SECONDS)).as(shown.toString()).isTrue();
        pump.join(2000);
    }

    @Override
    public void close() {
        terminal.destroyForcibly();
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                shown.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the terminal closed
        }
    }
}
