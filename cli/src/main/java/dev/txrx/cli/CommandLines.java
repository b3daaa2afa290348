package dev.txrx.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.cli.report.JsonResult;
import dev.txrx.common.text.Reasons;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Builds the picocli command line both apps use: converters for sizes, durations and ports, enum
 * choices as they are typed, help that wraps at spaces and ends with the exit codes, one-line
 * errors for bad input (exit {@link ExitCode#USAGE}), one place that maps an uncaught exception to
 * an exit code, and, with {@code --json}, the one JSON object every run ends with.
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** A command line for {@code command} that prints to {@code out} and {@code err}. */
    public static CommandLine create(Object command, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.registerConverter(Path.class, new PathConverter());
        registerEnumConverters(cli);
        cli.setHelpFactory(HelpWrapping::new);
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodeList());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> reportUsageError(e, Arrays.asList(args).contains("--json")));
        cli.setExecutionStrategy(parseResult -> {
            int code = new CommandLine.RunLast().execute(parseResult);
            OutputOptions output = outputOptions(parseResult.commandSpec());
            if (output != null && output.json) {
                printJson(parseResult.commandSpec().commandLine(), output.result.finish(code));
            }
            return code;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            OutputOptions output = outputOptions(commandLine.getCommandSpec());
            boolean json = output != null && output.json;
            if (e instanceof ParameterException pe) {
                return reportUsageError(pe, json);
            }
            LoggerFactory.getLogger(Logging.CRASH_LOGGER).error("{} failed", commandLine.getCommandName(), e);
            commandLine.getErr().println(commandLine.getCommandName() + ": " + describe(e));
            if (output != null && output.frames()) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            if (json) {
                printJson(commandLine, JsonResult.failure(describe(e), ExitCode.FAILED));
            }
            return ExitCode.FAILED;
        });
        return cli;
    }

    /** The exit codes for {@code --help}, from {@link ExitCode#TABLE}. */
    static Map<String, String> exitCodeList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode.Meaning meaning : ExitCode.TABLE) {
            list.put(String.format("%4d", meaning.code()), meaning.meaning());
        }
        return list;
    }

    private static int reportUsageError(ParameterException e, boolean json) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getCommandName() + ": " + e.getMessage());
        err.println("Try '" + cli.getCommandName() + " --help' for more information.");
        err.flush();
        if (json) {
            printJson(cli, JsonResult.failure(e.getMessage(), ExitCode.USAGE));
        }
        return ExitCode.USAGE;
    }

    private static void printJson(CommandLine cli, ObjectNode node) {
        if (node != null) {
            JsonOutput.print(cli.getOut(), node);
        }
    }

    /** The command's output options, wherever it declares them (an argument group or a mixin), or null. */
    private static OutputOptions outputOptions(CommandSpec spec) {
        for (ArgGroupSpec group : spec.argGroups()) {
            Object options;
            try {
                options = group.getter().get();
            } catch (Exception e) {
                continue; // a field getter does not fail
            }
            if (options instanceof OutputOptions output) {
                return output;
            }
        }
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof OutputOptions output) {
                return output;
            }
        }
        return null;
    }

    /** Enum options read any case and name their choices in lower case, as they are typed. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerEnumConverters(CommandLine cli) {
        for (OptionSpec option : cli.getCommandSpec().options()) {
            Class<?> type = option.type();
            if (type.isEnum()) {
                cli.registerConverter((Class) type, new LowerCaseEnumConverter(type));
            }
        }
    }

    /** A one-line description of an exception for a person. */
    public static String describe(Throwable e) {
        return Reasons.of(e);
    }
}
