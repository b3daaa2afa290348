package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.receiver.cli.ReceiverMain;
import dev.txrx.sender.cli.SenderMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The help of both apps, read from their command specs and rendered in this process (no app runs,
 * hence no socket): each mode's options under a heading, every value with a label and none named
 * after a Java field, descriptions wrapped at spaces only at any width a terminal may have, and
 * examples and exit codes at the end. Here rather than in each app's module because it reads both.
 */
class HelpIT {

    /**
     * A placeholder picocli makes from a field's name when an option has no label:
     * {@code --connect-timeout=<connectTimeout>}, {@code [<target>]}.
     */
    private static final String FIELD_NAME_LABEL = "(?<=[=\\[\\s]|^)<[a-z][A-Za-z0-9]*>";

    static Stream<Named<Supplier<CommandLine>>> apps() {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        return Stream.of(Named.of("sender", () -> SenderMain.newCommandLine(nowhere, nowhere)),
                Named.of("receiver", () -> ReceiverMain.newCommandLine(nowhere, nowhere)));
    }

    @ParameterizedTest
    @MethodSource("apps")
    void everyValueHasALabelAndNoneIsAFieldName(Supplier<CommandLine> app) {
        CommandSpec spec = app.get().getCommandSpec();
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (arg.arity().max() > 0) {
                assertThat(arg.paramLabel()).as(Arrays.toString(arg.isOption()
                        ? ((CommandLine.Model.OptionSpec) arg).names() : new String[] {arg.paramLabel()}))
                        .doesNotMatch(FIELD_NAME_LABEL).matches("[A-Z][A-Z0-9:\\[\\]._/-]*");
            }
        }
        assertThat(usage(app.get(), 80)).doesNotContainPattern(FIELD_NAME_LABEL);
    }

    /**
     * A word of the option list, split over two lines at some width, leaves pieces that are no
     * words of the same list at a width where nothing needs wrapping: {@code e.} and {@code g.}.
     * A few widths here (each rendering takes a while); cli's {@code HelpWrappingTest} tries every one.
     */
    @ParameterizedTest
    @MethodSource("apps")
    void optionDescriptionsWrapAtSpacesOnlyAtEveryWidth(Supplier<CommandLine> app) {
        CommandLine cli = app.get();
        Set<String> words = words(optionList(usage(cli, 400)));
        for (int width : new int[] {55, 61, 67, 73, 80, 97, 120}) {
            assertThat(words(optionList(usage(cli, width)))).as("width %d", width).isSubsetOf(words);
        }
    }

    @ParameterizedTest
    @MethodSource("apps")
    void eachModeHasItsHeadingAndTheHelpEndsWithExamplesAndExitCodes(Supplier<CommandLine> app) {
        CommandLine cli = app.get();
        String help = usage(cli, 80);
        List<String> headings = cli.getCommandName().equals("sender")
                ? List.of("Serving:", "Generated files (without FILE or --send):", "Trickle (--trickle):",
                        "Connecting to a listening receiver (--connect):", "Security:", "Timeouts:", "Output:",
                        "Log file:", "Exit codes:", "Examples:")
                : List.of("Connecting to a sender:", "What to fetch (--list/--get; default: every file):", "Storing:",
                        "Listening for uploads (--listen):", "Ping (--ping):", "Trickle stream (sender --trickle):",
                        "Security:", "Timeouts:", "Output:", "Log file:", "Exit codes:", "Examples:");
        List<String> lines = help.lines().toList();
        assertThat(lines).containsSubsequence(headings);
        assertThat(help).contains("   2   invalid command line; nothing was opened",
                "  130   stopped by Ctrl-C");
        assertThat(lines.stream().filter(line -> line.startsWith("  " + cli.getCommandName() + " "))).hasSizeGreaterThan(4);
    }

    private static String usage(CommandLine cli, int width) {
        cli.setUsageHelpAutoWidth(false);
        cli.setUsageHelpWidth(width);
        return cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The options and parameters, without the synopsis and description above them or what follows. */
    private static String optionList(String help) {
        int from = help.indexOf("\n  ", help.indexOf("\n\n", help.indexOf("\n\n") + 2));
        return help.substring(from, help.indexOf("\nExit codes:"));
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.trim().split("\\s+")));
    }
}
