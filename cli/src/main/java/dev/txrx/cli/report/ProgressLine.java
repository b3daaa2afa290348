package dev.txrx.cli.report;

import dev.txrx.common.report.Totals;
import dev.txrx.common.text.ByteSizes;
import java.util.Locale;

/**
 * The text of the progress line, as pv and croc draw theirs, from what a transfer did so far: a
 * pure function of its inputs, with no terminal in it. With the bytes known:
 * {@code receiving  42% [====>       ]  126 MiB/300 MiB 30.0 MiB/s ETA 0:06 12/40 files}, which
 * fits in 80 columns with a bar of 12; with only the files known:
 * {@code receiving  152 MiB 30.0 MiB/s 12/100 files}; with neither, the count of files alone.
 */
public final class ProgressLine {

    /** The narrowest bar worth drawing: an 80-column terminal has room for 12. */
    private static final int MIN_BAR = 8;
    /** The widest bar: wider says no more. */
    private static final int MAX_BAR = 40;

    private ProgressLine() {
    }

    /**
     * The line, at most {@code width} characters when it can be.
     *
     * @param task           what is happening: {@code receiving}, {@code sending}
     * @param bytes          bytes done, skipped ones included
     * @param files          files done, skipped ones included
     * @param totals         the session's totals, as the sender gave them
     * @param bytesPerSecond the current rate; 0 when none is measured yet
     * @param width          the terminal's width
     */
    public static String render(String task, long bytes, long files, Totals totals, double bytesPerSecond,
                                int width) {
        // the parts that change are padded to their widest, so that the bar keeps its width as they do
        String rate = " " + pad(ByteSizes.formatRate(bytesPerSecond), 10);
        String count = " " + files + (totals.knowsFiles() ? "/" + totals.files() : "") + (files == 1
                && !totals.knowsFiles() ? " file" : " files");
        if (!totals.knowsBytes()) {
            return task + " " + pad(ByteSizes.format(bytes), 8) + rate + count;
        }
        long total = Math.max(totals.bytes(), bytes);
        double fraction = total == 0 ? 1 : (double) bytes / total;
        String percent = String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
        String amounts = " " + pad(ByteSizes.format(bytes), 8) + "/" + ByteSizes.format(total);
        String eta = " ETA " + pad(eta(total - bytes, bytesPerSecond), 4);
        String head = task + " " + percent + " ";
        String tail = amounts + rate + eta + count;
        int room = Math.min(MAX_BAR, width - head.length() - tail.length() - 2);
        if (room < MIN_BAR) {
            return task + " " + percent + amounts + rate + eta + count;
        }
        return head + "[" + bar(fraction, room) + "]" + tail;
    }

    /** {@code text} with spaces before it, to {@code width}. */
    private static String pad(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    /** {@code ===>   } filling {@code fraction} of {@code width}. */
    static String bar(double fraction, int width) {
        int full = (int) Math.floor(fraction * width);
        StringBuilder bar = new StringBuilder(width);
        for (int i = 0; i < width; i++) {
            bar.append(i < full ? '=' : i == full ? '>' : ' ');
        }
        return bar.toString();
    }

    /** The time left at the rate, as {@code m:ss} or {@code h:mm:ss}; {@code ?} with no rate yet. */
    static String eta(long bytesLeft, double bytesPerSecond) {
        if (bytesLeft <= 0) {
            return "0:00";
        }
        if (bytesPerSecond <= 0 || !Double.isFinite(bytesPerSecond)) {
            return "?";
        }
        long seconds = (long) Math.ceil(bytesLeft / bytesPerSecond);
        long hours = seconds / 3600;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
