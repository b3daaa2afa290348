package dev.txrx.sender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class SenderCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SenderMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    /**
     * Each case holds the port it names (where it names one), so a sender that tried to listen
     * would fail with the listen exit code instead of the usage one.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port 65536|--port",
        "--port 70000|--port",
        "--port abc|--port",
        "--min-size -5K|--min-size",
        "--max-size 10X|--max-size",
        "--min-size 2M --max-size 1M|--min-size",
        "--min-interval 2s --max-interval 1s|--min-interval",
        "--max-interval 5parsecs|--max-interval",
        "--count -1|--count",
        "--rate 0|--rate",
        "--no-save --send .|--no-save",
        "--send . --no-save|--no-save",
        "--no-save --trickle|--no-save",
        "--trickle --no-save|--no-save",
        "--trickle --send .|--trickle",
        "--exclude *.tmp|--exclude",
        "--send . --exclude [a|--exclude",
        "--send . --trickle|--trickle",
        "--bogus|--bogus",
        "--max-interval 0 --min-interval 1ms|--min-interval",
        "--rate 100Mbps/s|--rate",
        "a --send b|--send",
    })
    void rejectsInvalidOptionWithOneLineNamingItAndExitCode2(String args, String option) throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String withPort = args.contains("--port") ? args : args + " --port " + held.getLocalPort();
            String[] argv = (withPort + " --bind 127.0.0.1 --output-dir " + dir).split(" ");
            int code = run(argv);
            assertThat(code).isEqualTo(ExitCode.USAGE);
            String[] lines = err.toString().split("\\R");
            assertThat(lines[0]).startsWith("sender: ").contains(option);
            assertThat(lines).hasSize(2);
            assertThat(lines[1]).contains("--help");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void portInUseGivesClearMessageAndListenExitCode() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("--bind", "127.0.0.1", "--port", String.valueOf(held.getLocalPort()), "--output-dir",
                    dir.toString());
            assertThat(code).isEqualTo(ExitCode.LISTEN_FAILED);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + held.getLocalPort())
                    .containsIgnoringCase("in use");
        }
    }

    /** Listening or connecting, an output directory that cannot be made is one line, before any socket. */
    @ParameterizedTest
    @CsvSource({"--port, 1", "--connect, 127.0.0.1:1"})
    void outputDirectoryThatCannotBeMadeIsOneLine(String option, String value) throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "in the way");
        int code = run(option, value, "--bind", "127.0.0.1", "--output-dir", file.resolve("out").toString());
        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString().split("\\R"))
                .containsExactly("sender: cannot create the output directory " + file.resolve("out") + ": Not a directory");
    }

    @Test
    void connectingSenderCreatesItsOutputDirectory() {
        Path outputs = dir.resolve("new/outputs");
        int code = run("--connect", "127.0.0.1:1", "--retries", "1", "--output-dir", outputs.toString());
        assertThat(code).isEqualTo(ExitCode.CONNECT_FAILED);
        assertThat(outputs).isDirectory();
    }

    @Test
    void helpListsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--port", "--bind", "--count", "--min-size", "--max-size",
                "--min-interval", "--max-interval", "--seed", "--output-dir", "--no-save", "--once", "--rate", "--idle-timeout",
                "--json", "--verbose");
    }

    /**
     * Values a listening sender accepts: it gets as far as listening, on a port held here, and
     * fails with the listen code; with --json that is one object with the error and the code.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--max-interval 0",
        "--trickle --max-interval 500ms",
        "--rate 100Mbit",
        "--rate 1Gbps --no-save",
    })
    void acceptsValuesAndWithJsonReportsTheListenFailureAsOneObject(String args) throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String[] argv = (args + " --json --no-log-file --bind 127.0.0.1 --port " + held.getLocalPort()
                    + " --output-dir " + dir).split(" ");
            assertThat(run(argv)).as(err.toString()).isEqualTo(ExitCode.LISTEN_FAILED);
            assertThat(out.toString().split("\\R")).containsExactly("{\"error\":\"cannot listen on 127.0.0.1:"
                    + held.getLocalPort() + ": Address already in use\",\"exitCode\":4}");
        }
    }

    @Test
    void theFilesToSendMayFollowTheOptions() throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("a.txt"), "a");
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("--bind", "127.0.0.1", "--port", String.valueOf(held.getLocalPort()), "--open",
                    "--no-log-file", file.toString());
            assertThat(code).as(err.toString()).isEqualTo(ExitCode.LISTEN_FAILED);
        }
        assertThat(run("--no-log-file", dir.resolve("missing").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("sender: --send: no such file or directory");
    }
}
