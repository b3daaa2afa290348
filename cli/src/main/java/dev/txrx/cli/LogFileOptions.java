package dev.txrx.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where an app keeps its rotating log file, as seed 001 does in {@code logs/}. */
public final class LogFileOptions {

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Log file, rotated by size (default: logs/<app>.log).")
    public Path file;

    @Option(names = "--no-log-file", description = "Do not write a log file.")
    public boolean disabled;

    @Option(names = "--log-max-size", defaultValue = "2M", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Rotate the log file at about this size (default: ${DEFAULT-VALUE}).")
    public long maxSize;

    @Option(names = "--log-max-files", defaultValue = "5", paramLabel = "N",
            description = "Rotated log files kept besides the current one (default: ${DEFAULT-VALUE}).")
    public int maxFiles;

    /** Checks the values; returns a message naming the bad option, or null. */
    public String problem() {
        if (maxSize < 1024) {
            return "--log-max-size must be at least 1K";
        }
        if (maxFiles < 1 || maxFiles > 20) {
            return "--log-max-files must be between 1 and 20, not " + maxFiles;
        }
        return null;
    }

    /** The log file of {@code app}, or null when logging to a file is off. */
    public Path fileFor(String app) {
        if (disabled) {
            return null;
        }
        return file != null ? file : Path.of("logs", app + ".log");
    }
}
