package dev.txrx.cli.report;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr while bytes move, drawn only when the app is attached to a
 * terminal; otherwise every call does nothing.
 *
 * <p>The bar is given its width, so that the library never opens a JLine terminal to measure
 * one: a JLine system terminal puts back the operating system's default action for SIGINT,
 * and Ctrl-C then killed the JVM without running its shutdown hooks, so no totals, no verdict
 * and no resume hint were printed.
 */
public final class ProgressDisplay implements AutoCloseable {

    private static final long MIB = 1 << 20;
    /** The width drawn when the shell does not say ({@code COLUMNS}). */
    private static final int DEFAULT_WIDTH = 80;

    private final java.util.function.Supplier<ProgressBar> factory;
    private ProgressBar bar;

    private ProgressDisplay(java.util.function.Supplier<ProgressBar> factory) {
        this.factory = factory;
    }

    /**
     * A display that draws if {@code enabled} and a terminal is attached, from the first
     * update on: a session that moves no bytes draws nothing.
     */
    public static ProgressDisplay create(String task, boolean enabled, PrintStream stream) {
        if (!enabled || System.console() == null) {
            return new ProgressDisplay(null);
        }
        return new ProgressDisplay(() -> new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1)
                .setUnit(" MiB", MIB)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(stream, width(System.getenv("COLUMNS")) - 1))
                .clearDisplayOnFinish()
                .build());
    }

    /** The terminal's width as the shell exports it, or {@value #DEFAULT_WIDTH}. */
    static int width(String columns) {
        try {
            int width = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.trim());
            return width >= 20 ? width : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** A display that never draws. */
    public static ProgressDisplay none() {
        return new ProgressDisplay(null);
    }

    /** Sets the bytes moved so far and a short note, such as the file count. */
    public void update(long bytes, String note) {
        if (bar == null && factory != null) {
            bar = factory.get();
        }
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
