package dev.txrx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What logging says when its file cannot be written, and how a console line reads. */
class LoggingTest {

    @TempDir
    Path dir;

    @AfterEach
    void noLogFile() {
        LogFileOptions off = new LogFileOptions();
        off.disabled = true;
        Logging.configure("test", false, off, new PrintWriter(new StringWriter()));
    }

    private static LogFileOptions at(Path path) {
        LogFileOptions options = new LogFileOptions();
        options.file = path;
        options.maxSize = 1 << 20;
        options.maxFiles = 1;
        return options;
    }

    @Test
    void anUnwritableLogFileIsSaidInOneLineNamingThePathAndTheReason() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "a file");
        Path path = blocker.resolve("x.log");
        StringWriter err = new StringWriter();

        Logging.configure("receiver", false, at(path), new PrintWriter(err, true));

        assertThat(err.toString()).isEqualTo("receiver: cannot write the log file " + path
                + ": a file of that name is in the way; going on without it" + System.lineSeparator());
    }

    @Test
    void aWritableLogFileIsMadeWithoutAWord() {
        Path path = dir.resolve("logs/app.log");
        StringWriter err = new StringWriter();

        Logging.configure("sender", false, at(path), new PrintWriter(err, true));

        assertThat(err.toString()).isEmpty();
        assertThat(path).exists();
    }

    @Test
    void aConsoleLineIsTheAppTheLevelWordAndTheMessageWithoutATime() {
        assertThat(ConsoleLine.format("sender", Level.WARN, "skipping 1 entry"))
                .isEqualTo("sender: warning: skipping 1 entry" + System.lineSeparator());
        assertThat(ConsoleLine.format("receiver", Level.ERROR, "a.bin failed verification"))
                .isEqualTo("receiver: error: a.bin failed verification" + System.lineSeparator());
        assertThat(ConsoleLine.format("receiver", Level.DEBUG, "Ping[...]"))
                .isEqualTo("receiver: Ping[...]" + System.lineSeparator());
    }
}
