package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of the apps running as a separate process from its packaged jar, with its output collected. */
final class AppProcess implements AutoCloseable {

    static final Path SENDER_JAR = Path.of("../sender/target/sender.jar");
    static final Path RECEIVER_JAR = Path.of("../receiver/target/receiver.jar");

    /**
     * How the tests start the apps' JVMs: short-lived processes that move a few megabytes at
     * most, on two shared cores, where the optimising compiler's threads cost more CPU than its
     * code saves, and one serial collector does for heaps this small.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The line each app prints once it listens; the port is followed by ";" (sender) or "," (receiver). */
    private static final Pattern LISTENING = Pattern.compile(" listening on \\S+:(\\d+)([;,]|\\R)");

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outPump;
    private final Thread errPump;

    private AppProcess(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out);
        this.errPump = pump(process.getErrorStream(), err);
    }

    /** Starts an app with an identity of its own and no token: a listening side that then requires none. */
    static AppProcess startWithoutToken(Path jar, String... args) throws IOException {
        return launch(jar, TestSecurity.withIdentityOnly(args));
    }

    /** Starts an app as the tests run every app: an identity of its own and the tests' token ({@link TestSecurity}). */
    static AppProcess start(Path jar, String... args) throws IOException {
        return launch(jar, TestSecurity.withCredentials(args));
    }

    /**
     * Like {@link #start}, under {@code locale} ({@code LC_ALL} and {@code LANG}) instead of the
     * tests' C.UTF-8: the bare jar as a user with {@code LANG=C} runs it.
     */
    static AppProcess startInLocale(String locale, Path jar, String... args) throws IOException {
        ProcessBuilder builder = inTemporaryConfig(new ProcessBuilder(command(jar, TestSecurity.withCredentials(args))));
        builder.environment().put("LC_ALL", locale);
        builder.environment().put("LANG", locale);
        return new AppProcess(builder.start());
    }

    private static AppProcess launch(Path jar, String... args) throws IOException {
        return new AppProcess(inTemporaryConfig(new ProcessBuilder(command(jar, args))).start());
    }

    private static List<String> command(Path jar, String... args) {
        assertThat(jar).as("packaged jar; run through 'mvn verify'").exists();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Like {@link #start}, in {@code workingDirectory}, where relative paths such as {@code logs/} resolve. */
    static AppProcess startIn(Path workingDirectory, Path jar, String... args) throws IOException {
        return new AppProcess(inTemporaryConfig(new ProcessBuilder(command(jar, TestSecurity.withCredentials(args))))
                .directory(workingDirectory.toFile()).start());
    }

    /**
     * The command that starts {@code jar} with {@code args} as {@link #start} does, for a shell to
     * run (in a pseudo-terminal, say): each word in single quotes. Run it with
     * {@link #inTemporaryConfig}.
     */
    static String shellCommand(Path jar, String... args) {
        StringBuilder command = new StringBuilder();
        for (String word : command(jar, TestSecurity.withCredentials(args))) {
            command.append(command.length() == 0 ? "" : " ").append(quoted(word));
        }
        return command.toString();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Runs {@code script} in bash, with the apps' temporary config directory: a pipeline around
     * commands from {@link #shellCommand}, such as {@code tar -c dir | sender --send -}.
     */
    static AppProcess shell(String script) throws IOException {
        return new AppProcess(inTemporaryConfig(new ProcessBuilder("bash", "-c", script)).start());
    }

    /** The app's default config directory is a temporary one, should a test leave out --identity. */
    static ProcessBuilder inTemporaryConfig(ProcessBuilder builder) {
        builder.environment().put("XDG_CONFIG_HOME", TestSecurity.identityDirectory().toString());
        return builder;
    }

    private static Thread pump(InputStream in, StringBuffer into) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "output-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits until stdout contains {@code text}. */
    void awaitOutput(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!out.toString().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive() && !out.toString().contains(text)) {
                Thread.sleep(100);
                throw new AssertionError("no '" + text + "' in the output:\n" + out + "\nstderr:\n" + err);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits for the app's "sender listening on HOST:PORT" or "receiver listening on HOST:PORT"
     * line and returns the port, which the system chose when the app was given {@code --port 0}.
     */
    int listeningPort(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Matcher line = LISTENING.matcher("");
        while (!line.reset(out).find()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no 'listening on HOST:PORT' in the output:\n" + out + "\nstderr:\n" + err);
            }
            Thread.sleep(20);
        }
        return Integer.parseInt(line.group(1));
    }

    /** Waits until stderr contains {@code text}, where the apps print their notices (retries, for one). */
    void awaitError(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!err.toString().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no '" + text + "' on stderr:\n" + err + "\nstdout:\n" + out);
            }
            Thread.sleep(20);
        }
    }

    /** Sends a signal, such as {@code TERM} or {@code INT}, with the system's kill command. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Writes {@code line} and a line break to the process's standard input, at once. */
    void sendLine(String line) throws IOException {
        java.io.OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void killHard() {
        process.destroyForcibly();
    }

    /** Waits for the exit; returns the exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("exits within %d s; output so far:%n%s%n%s",
                seconds, out, err).isTrue();
        outPump.join(2000);
        errPump.join(2000);
        return process.exitValue();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() {
        // a pipeline's apps are the shell's children: they go too
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
