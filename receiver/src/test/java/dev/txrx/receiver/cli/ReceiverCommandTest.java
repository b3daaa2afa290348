package dev.txrx.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class ReceiverCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ReceiverMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port 0|--port",
        "--port 70000|--port",
        "--retries 0|--retries",
        "--retry-delay soon|--retry-delay",
        "--retry-delay 10s --max-retry-delay 1s|--retry-delay",
        "--connect-timeout 0|--connect-timeout",
        "--idle-timeout -3s|--idle-timeout",
        "--unknown-option|--unknown-option",
        "--exclude [a|--exclude",
        "--exclude a\\|--exclude",
    })
    void rejectsInvalidOptionWithoutConnecting(String args, String option) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String withPort = args.contains("--port") ? args : args + " --port " + listener.getLocalPort();
            int code = run((withPort + " --output-dir " + dir).split(" "));
            assertThat(code).isEqualTo(ExitCode.USAGE);
            String[] lines = err.toString().split("\\R");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("receiver: ").contains(option);
            listener.setSoTimeout(200);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    /**
     * Every pair of modes the command refuses. Each case runs against a port where nothing listens
     * and that nobody can bind ({@link RefusingPort}), with one attempt: a receiver that connected
     * would exit with the connect code and a "could not connect" line, one that listened there
     * with the listen code and "cannot listen", so the usage code and a single line prove that
     * no socket was opened, without waiting for anything.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--list --get a|--list",
        "--get a --list|--list",
        "--ping 3 --list|--ping",
        "--ping 3 --get a|--ping",
        "--ping 3 --listen|--ping",
        "--ping 3 --parallel 2|--ping",
        "--listen --ping 3|--ping",
        "--listen --list|--listen",
        "--listen --get a|--listen",
        "--listen --parallel 2|--listen",
        "--parallel 2 --listen|--listen",
        "--port 0|--port",
    })
    void rejectsModesThatExcludeEachOtherWithoutOpeningASocket(String args, String option) throws IOException {
        try (RefusingPort nobody = RefusingPort.hold()) {
            String withPort = args.contains("--port") ? args : args + " --port " + nobody.port();
            int code = run((withPort + " --bind 127.0.0.1 --retries 1 --output-dir " + dir).split(" "));
            assertThat(code).as(err.toString()).isEqualTo(ExitCode.USAGE);
            String[] lines = err.toString().split("\\R");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("receiver: ").contains(option);
            assertThat(lines[1]).contains("--help");
            assertThat(err.toString()).doesNotContain("retrying", "could not connect", "cannot listen");
            assertThat(out.toString()).isEmpty();
            assertThat(dir).isEmptyDirectory();
        }
    }

    @Test
    void noSenderGivesUpWithConnectExitCode() throws IOException {
        try (RefusingPort nobody = RefusingPort.hold()) {
            int port = nobody.port();
            int code = run("--port", String.valueOf(port), "--retries", "3", "--retry-delay", "10ms", "--output-dir",
                    dir.toString());
            assertThat(code).isEqualTo(ExitCode.CONNECT_FAILED);
            assertThat(err.toString())
                    .contains("retrying in 10ms, 2 attempts left")
                    .contains("retrying in 20ms, 1 attempt left")
                    .contains("could not connect to 127.0.0.1:" + port + " after 3 attempts");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a-file|it exists and is not a directory",
        "/proc/txrx-cannot-exist|no such file or directory",
    })
    void anOutputDirectoryThatCannotBeUsedFailsAtOnceBeforeAnyConnection(String where, String reason)
            throws IOException {
        Path output = where.startsWith("/") ? Path.of(where) : Files.writeString(dir.resolve(where), "x");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("--port", String.valueOf(listener.getLocalPort()), "--output-dir", output.toString());

            assertThat(code).isEqualTo(ExitCode.FAILED);
            assertThat(err.toString().split("\\R")).containsExactly(
                    "receiver: cannot use the output directory " + output + ": " + reason);
            listener.setSoTimeout(200);
            assertThatThrownBy(listener::accept).as("no connection attempted").isInstanceOf(SocketTimeoutException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--listen", "--list", "--discard", "--parallel=2"})
    void aDryRunOnlyFetchesAndIsAUsageErrorWithAnythingElse(String other) {
        assertThat(run("--dry-run", other, "--output-dir", dir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().split("\\R")[0]).isEqualTo("receiver: --dry-run applies only to a receiver that "
                + "connects to fetch files, not with --listen, --list, --ping, --parallel or --discard");
    }

    @Test
    void anEnumChoiceThatIsNoneOfThemIsNamedWithTheChoicesAsTyped() {
        assertThat(run("--on-exists", "clobber")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().split("\\R")[0]).isEqualTo(
                "receiver: Invalid value for option '--on-exists': 'clobber' is not one of rename, overwrite, skip, fail");
    }

    /** HOST[:PORT] after the options names the sender; each of host and port one way only, checked before any socket. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:1 --port 2|the sender's port is given twice, in 127.0.0.1:1 and with --port: give one",
        "127.0.0.1 --host 127.0.0.2|the sender is given twice, as 127.0.0.1 and with --host: give one",
        "exa_mple.org:0|sender 'exa_mple.org:0': port 0 is outside 1..65535",
        "'[::1'|sender '[::1' has no ']' after its IPv6 address",
        "--host exa/mple|--host: 'exa/mple' is not a host name or address",
        "--listen 127.0.0.1|--listen takes no HOST[:PORT]: --bind and --port say where to listen",
    })
    void aSenderGivenTwiceOrMalformedIsOneUsageLine(String args, String message) {
        int code = run((args.replace("'", "") + " --retries 1 --output-dir " + dir).split(" "));
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().split("\\R")).containsExactly("receiver: " + message,
                "Try 'receiver --help' for more information.");
    }

    @Test
    void theSenderMayBeGivenAfterTheOptions() throws IOException {
        try (RefusingPort nobody = RefusingPort.hold()) {
            int code = run("--retries", "1", "--output-dir", dir.toString(), "127.0.0.1:" + nobody.port());
            assertThat(code).isEqualTo(ExitCode.CONNECT_FAILED);
            assertThat(err.toString()).contains("could not connect to 127.0.0.1:" + nobody.port() + " after 1 attempt")
                    .contains("is the sender running?");
        }
    }

    /** Every exit path with --json prints one object with the error and the exit code: a failure to connect, a usage error. */
    @Test
    void withJsonAFailurePrintsOneObjectWithTheErrorAndTheExitCode() throws IOException {
        try (RefusingPort nobody = RefusingPort.hold()) {
            int code = run("--retries", "1", "--json", "--no-log-file", "--output-dir", dir.toString(),
                    "--port", String.valueOf(nobody.port()));
            assertThat(code).isEqualTo(ExitCode.CONNECT_FAILED);
            assertThat(out.toString().split("\\R")).containsExactly("{\"error\":\"could not connect to 127.0.0.1:"
                    + nobody.port() + " after 1 attempt (last error: Connection refused); is the sender running?\","
                    + "\"exitCode\":3}");
        }
        out.getBuffer().setLength(0);
        assertThat(run("--json", "--on-exists", "clobber")).isEqualTo(ExitCode.USAGE);
        assertThat(out.toString()).startsWith("{\"error\":\"Invalid value for option '--on-exists'")
                .endsWith("\"exitCode\":2}" + System.lineSeparator());
    }
}
