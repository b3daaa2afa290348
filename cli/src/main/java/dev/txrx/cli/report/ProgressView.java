package dev.txrx.cli.report;

import dev.txrx.common.report.FileDone;
import dev.txrx.common.report.Totals;
import dev.txrx.common.transport.Threads;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress line on stderr while bytes move ({@link ProgressLine} says what it holds), redrawn
 * five times a second from the transfer's events, and only when the app is attached to a
 * terminal; otherwise it draws nothing. Lines printed meanwhile go {@linkplain #above above} it.
 *
 * <p>It never opens a JLine terminal, not even to measure the width (the shell's {@code COLUMNS}
 * says it, or 80): a JLine system terminal puts back the operating system's default action for
 * SIGINT, and Ctrl-C then killed the JVM without running its shutdown hooks, so no totals, no
 * verdict and no resume hint were printed.
 */
public final class ProgressView implements TransferView {

    private static final long REDRAW_MILLIS = 200;
    /** The width drawn when the shell does not say ({@code COLUMNS}). */
    private static final int DEFAULT_WIDTH = 80;
    /** The rate is measured over about this many redraws: a few seconds, as pv does. */
    private static final int RATE_WINDOW = 15;

    private final String task;
    private final PrintStream terminal;
    private final int width;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final long[] sampleNanos = new long[RATE_WINDOW];
    private final long[] sampleBytes = new long[RATE_WINDOW];
    private int samples;
    private volatile Totals totals = Totals.NONE;
    private Thread redrawing;
    private int drawn;
    private boolean closed;

    private ProgressView(String task, PrintStream terminal, int width) {
        this.task = task;
        this.terminal = terminal;
        this.width = width;
    }

    /**
     * A view that draws {@code task}'s progress on {@code stream} if {@code enabled} and a terminal
     * is attached, from the first bytes on: a session that moves none draws nothing.
     */
    public static ProgressView create(String task, boolean enabled, PrintStream stream) {
        return new ProgressView(task, enabled && System.console() != null ? stream : null,
                width(System.getenv("COLUMNS")));
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

    @Override
    public void started(Totals totals) {
        this.totals = totals;
    }

    @Override
    public void skipped(long files, long bytes) {
        this.files.addAndGet(files);
        this.bytes.addAndGet(bytes);
    }

    @Override
    public void moved(long bytes) {
        this.bytes.addAndGet(bytes);
        startDrawing();
    }

    @Override
    public void fileDone(FileDone file) {
        files.incrementAndGet();
    }

    /** Prints {@code line} to {@code out} above the progress line, which is drawn again below it. */
    public synchronized void above(PrintWriter out, String line) {
        erase();
        out.println(line);
        out.flush();
        draw();
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            closed = true;
            erase();
            thread = redrawing;
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private synchronized void startDrawing() {
        if (terminal == null || redrawing != null || closed) {
            return;
        }
        redrawing = Threads.daemon("progress", () -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    redraw();
                    Thread.sleep(REDRAW_MILLIS);
                }
            } catch (InterruptedException stopped) {
                // closed
            }
        });
        redrawing.start();
    }

    private synchronized void redraw() {
        if (closed) {
            return;
        }
        sample(System.nanoTime(), bytes.get());
        erase();
        draw();
    }

    private void sample(long nanos, long done) {
        System.arraycopy(sampleNanos, 0, sampleNanos, 1, RATE_WINDOW - 1);
        System.arraycopy(sampleBytes, 0, sampleBytes, 1, RATE_WINDOW - 1);
        sampleNanos[0] = nanos;
        sampleBytes[0] = done;
        samples = Math.min(samples + 1, RATE_WINDOW);
    }

    /** Bytes per second over the samples kept. */
    private double rate() {
        if (samples < 2) {
            return 0;
        }
        long nanos = sampleNanos[0] - sampleNanos[samples - 1];
        return nanos <= 0 ? 0 : (sampleBytes[0] - sampleBytes[samples - 1]) * 1e9 / nanos;
    }

    private void draw() {
        if (terminal == null || redrawing == null || closed) {
            return;
        }
        String line = ProgressLine.render(task, bytes.get(), files.get(), totals, rate(), width - 1);
        terminal.print(line);
        terminal.flush();
        drawn = line.length();
    }

    private void erase() {
        if (terminal != null && drawn > 0) {
            terminal.print("\r" + " ".repeat(drawn) + "\r");
            terminal.flush();
            drawn = 0;
        }
    }
}
