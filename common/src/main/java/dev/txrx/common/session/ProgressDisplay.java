package dev.txrx.common.session;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr while bytes move, drawn only when the app is attached to a
 * terminal; otherwise every call does nothing.
 */
public final class ProgressDisplay implements AutoCloseable {

    private static final long MIB = 1 << 20;

    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    /** A display that draws if {@code enabled} and a terminal is attached. */
    public static ProgressDisplay create(String task, boolean enabled, PrintStream stream) {
        if (!enabled || System.console() == null) {
            return new ProgressDisplay(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1)
                .setUnit(" MiB", MIB)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .clearDisplayOnFinish()
                .build();
        return new ProgressDisplay(bar);
    }

    /** A display that never draws. */
    public static ProgressDisplay none() {
        return new ProgressDisplay(null);
    }

    /** Sets the bytes moved so far and a short note, such as the file count. */
    public void update(long bytes, String note) {
        if (bar != null) {
            bar.stepTo(bytes);
            bar.setExtraMessage(note);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
