package dev.txrx.cli.report;

import dev.txrx.common.report.FileDone;
import dev.txrx.common.text.ByteSizes;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code -v}: one line per file as it finishes, as {@code rsync -v} prints them:
 * {@code verified photos/beach.jpg (2.40 MiB) in 0.08 s, 30.0 MiB/s} on the receiving side,
 * {@code sent ...} on the sending side.
 *
 * @param verb   {@code verified} or {@code sent}
 * @param prefix what comes before each line, such as {@code upload from 10.0.0.2:5123: }, or empty
 * @param lines  where each line goes
 */
public record VerboseLines(String verb, String prefix, Consumer<String> lines) implements TransferView {

    @Override
    public void fileDone(FileDone file) {
        lines.accept(line(verb, prefix, file));
    }

    /** The line for {@code file}. */
    static String line(String verb, String prefix, FileDone file) {
        return String.format(Locale.ROOT, "%s%s %s (%s) in %.2f s, %s", prefix, verb, file.name(),
                ByteSizes.format(file.size()), file.took().toNanos() / 1e9, ByteSizes.formatRate(file.bytesPerSecond()));
    }
}
