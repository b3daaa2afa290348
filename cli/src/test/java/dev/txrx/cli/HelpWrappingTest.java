package dev.txrx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Option descriptions wrap at spaces only, whatever the width: no {@code e.} / {@code g.}. */
class HelpWrappingTest {

    @Command(name = "demo", sortOptions = false)
    static final class Demo {
        @Option(names = "--identity", paramLabel = "DIR", description = "Directory of your identity, for example "
                + "~/.config/txrx or $XDG_CONFIG_HOME/txrx; e.g. 128, 1K, logs/<app>.log, [::1]:47474, "
                + "0.0.0.0:47474, --idle-timeout and --min-burst/--max-burst, 'name (1).ext'.")
        String identity;

        @Option(names = "--plain", description = "Speak in clear: a.b.c d.e f:g h-i (j) k/l.")
        boolean plain;
    }

    @Test
    void wrapsAtSpacesOnlyAtEveryWidth() {
        CommandLine cli = CommandLines.create(new Demo(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        Set<String> words = words(usage(cli, 400));
        assertThat(words).contains("e.g.", "~/.config/txrx", "[::1]:47474,", "--idle-timeout", "logs/<app>.log,");
        for (int width = 55; width <= 160; width++) {
            assertThat(words(usage(cli, width))).as("width %d", width).isSubsetOf(words);
        }
    }

    @Test
    void putsPunctuationBackAsItWas() {
        String text = "a.b:c-d [e] (f) 'g' \"h\" ~/.i $J @|k|@ 100%";
        assertThat(HelpWrapping.restore(HelpWrapping.protect(text))).isEqualTo(text);
        assertThat(HelpWrapping.protect(text)).doesNotContain(".", ":", "-", "[", "~", "@", "%").contains(" ");
    }

    private static String usage(CommandLine cli, int width) {
        cli.setUsageHelpAutoWidth(false);
        cli.setUsageHelpWidth(width);
        return cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.trim().split("\\s+")));
    }
}
