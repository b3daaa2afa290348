package dev.txrx.cli;

import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help of both apps, with option descriptions wrapped at spaces only. Picocli wraps with the
 * JDK's line {@code BreakIterator}, which also breaks after a dot, a colon or a hyphen inside a
 * word: {@code e.} / {@code g.}, {@code ~/.} / {@code config}, {@code --} / {@code idle-timeout}
 * at whatever width the terminal has. Each punctuation mark of a description is swapped for a
 * private-use character while the table lays the text out (the iterator never breaks there) and
 * swapped back when the table is printed.
 */
final class HelpWrapping extends Help {

    /** Where the stand-ins start: U+E000 plus the ASCII code of the mark. */
    private static final char STAND_IN_BASE = '\uE000';

    HelpWrapping(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    @Override
    public Layout createDefaultLayout() {
        return spaceWrapped(super.createDefaultLayout());
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                      ColorScheme scheme) {
        return spaceWrapped(super.createDefaultLayout(options, positionals, scheme));
    }

    /** The same layout, over a table that wraps at spaces only; the table is still empty. */
    private static Layout spaceWrapped(Layout layout) {
        return new Layout(layout.colorScheme(), new SpaceWrappedTable(layout.colorScheme(), layout.textTable()),
                layout.optionRenderer(), layout.parameterRenderer());
    }

    /** {@code text} with its punctuation swapped for stand-ins. */
    static String protect(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(isMark(c) ? (char) (STAND_IN_BASE + c) : c);
        }
        return out.toString();
    }

    /** {@code text} with the stand-ins swapped back. */
    static String restore(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c > STAND_IN_BASE && c < STAND_IN_BASE + 128 ? (char) (c - STAND_IN_BASE) : c);
        }
        return out.toString();
    }

    private static boolean isMark(char c) {
        return c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
    }

    /** A table whose wrapped column breaks only at spaces. */
    private static final class SpaceWrappedTable extends TextTable {

        private final ColorScheme scheme;

        SpaceWrappedTable(ColorScheme scheme, TextTable like) {
            super(scheme, like.columns());
            this.scheme = scheme;
            this.indentWrappedLines = like.indentWrappedLines;
            setAdjustLineBreaksForWideCJKCharacters(like.isAdjustLineBreaksForWideCJKCharacters());
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            if (columns()[col].overflow != Column.Overflow.WRAP) {
                return super.putValue(row, col, value);
            }
            // descriptions carry no markup, so the plain text is the whole of it
            return super.putValue(row, col, scheme.text(protect(value.plainString())));
        }

        @Override
        public StringBuilder toString(StringBuilder text) {
            return text.append(restore(super.toString(new StringBuilder())));
        }
    }
}
