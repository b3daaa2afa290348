package dev.txrx.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.LoggerFactory;

/**
 * Sets up logback from the command-line options: the console (stderr) shows warnings and
 * errors, everything with {@code -v}, as plain lines for a person ({@code sender: warning: ...},
 * no time stamp); the rotating log file holds INFO and above, DEBUG with {@code -v}, each line
 * with its time, and what only the file keeps: the stack trace of any crash, which the console
 * shows as one line, and the run's start and outcome lines ({@link RunLog}). A log file that
 * cannot be written is said once on stderr, and the run goes on without it.
 */
public final class Logging {

    /** Events of this logger go to the file only: stack traces of crashes. */
    public static final String CRASH_LOGGER = "dev.txrx.crash";

    private static final String FILE_APPENDER = "FILE";
    private static final String CONSOLE_APPENDER = "CONSOLE";
    private static final long CHECK_SIZE_EVERY_MILLIS = 10;

    private Logging() {
    }

    /**
     * Configures logging for {@code app} ("sender" or "receiver"); says on {@code err} when the log
     * file cannot be written. Safe to call again.
     */
    public static synchronized void configure(String app, boolean verbose, LogFileOptions file, PrintWriter err) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger ours = context.getLogger("dev.txrx");
        ours.setLevel(verbose ? Level.DEBUG : Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE_APPENDER);
        if (console != null) {
            console.clearAllFilters();
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(verbose ? "DEBUG" : "WARN");
            threshold.start();
            console.addFilter(new FileOnly());
            console.addFilter(threshold);
            if (console instanceof OutputStreamAppender<ILoggingEvent> stream) {
                stream.setEncoder(ConsoleLine.encoder(context, app));
            }
        }
        Appender<ILoggingEvent> previous = root.getAppender(FILE_APPENDER);
        if (previous != null) {
            root.detachAppender(previous);
            previous.stop();
        }
        Path path = file == null ? null : file.fileFor(app);
        String problem = path == null ? null : unwritable(path);
        if (problem != null) {
            err.println(app + ": cannot write the log file " + path + ": " + problem + "; going on without it");
            err.flush();
        } else if (path != null) {
            Appender<ILoggingEvent> appender = rollingFile(context, path.toAbsolutePath(), file.maxSize, file.maxFiles);
            if (appender.isStarted()) {
                root.addAppender(appender);
            } else {
                err.println(app + ": cannot write the log file " + path + "; going on without it");
                err.flush();
            }
        }
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                LoggerFactory.getLogger(CRASH_LOGGER).error("uncaught exception in thread {}", thread.getName(), e));
    }

    private static Appender<ILoggingEvent> rollingFile(LoggerContext context, Path path, long maxSize, int maxFiles) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(path.toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(rotatedPattern(path));
        rolling.setMinIndex(1);
        rolling.setMaxIndex(maxFiles);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(maxSize));
        // By default logback looks at the size at most once a minute; a -v session can pass the limit many times in that.
        trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(CHECK_SIZE_EVERY_MILLIS));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /**
     * Why {@code path} cannot be written, or null when it can: its directory is made, and the file
     * opened to append, as the appender will, which would otherwise fail without a word.
     */
    private static String unwritable(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                return null;
            }
        } catch (IOException | SecurityException e) {
            return Reasons.withoutPath(e);
        }
    }

    /** {@code logs/sender.log} rotates to {@code logs/sender.1.log}, {@code logs/sender.2.log}, ... */
    private static String rotatedPattern(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String rotated = dot > 0 ? name.substring(0, dot) + ".%i" + name.substring(dot) : name + ".%i";
        return path.resolveSibling(rotated).toString();
    }

    /**
     * Keeps off the console what is for the file only: crash reports, which carry stack traces,
     * and the run's own record, which the console says in its own words.
     */
    private static final class FileOnly extends Filter<ILoggingEvent> {
        FileOnly() {
            start();
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            String logger = event.getLoggerName();
            return logger.equals(CRASH_LOGGER) || logger.equals(RunLog.LOGGER) ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
