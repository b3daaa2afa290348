package dev.txrx.cli;

import dev.txrx.common.text.Reasons;
import java.io.PrintWriter;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Builds the picocli command line both apps use: converters for sizes, durations and ports,
 * one-line errors for bad input (exit {@link ExitCode#USAGE}), and one place that maps an
 * uncaught exception to an exit code.
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** A command line for {@code command} that prints to {@code out} and {@code err}. */
    public static CommandLine create(Object command, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(CommandLines::reportUsageError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ParameterException pe) {
                return reportUsageError(pe, new String[0]);
            }
            LoggerFactory.getLogger(Logging.CRASH_LOGGER).error("{} failed", commandLine.getCommandName(), e);
            commandLine.getErr().println(commandLine.getCommandName() + ": " + describe(e));
            if (isVerbose(parseResult)) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return ExitCode.FAILED;
        });
        return cli;
    }

    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getCommandName() + ": " + e.getMessage());
        err.println("Try '" + cli.getCommandName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** True with {@code -vv}: {@code -v} alone prints a line per file, not stack traces. */
    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        if (parseResult == null || !parseResult.hasMatchedOption("--verbose")) {
            return false;
        }
        Object given = parseResult.matchedOptionValue("--verbose", null);
        return !(given instanceof boolean[] levels) || levels.length >= 2;
    }

    /** A one-line description of an exception for a person. */
    public static String describe(Throwable e) {
        return Reasons.of(e);
    }
}
