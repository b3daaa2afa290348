package dev.txrx.cli.report;

import dev.txrx.common.report.FileDone;
import dev.txrx.common.report.Interval;
import dev.txrx.common.report.Totals;
import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Rates;
import dev.txrx.common.transport.Threads;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code --interval}: one line per interval, as iperf3 prints them, from the first session's
 * start until the app ends: {@code [  1.00-2.00 s]  30.5 MiB  30.5 MiB/s  256 Mbit/s  12 files}.
 * One report counts for the whole app: a listening side adds every connection's bytes to it. Each
 * interval also goes to {@code ticks} (the JSON stream).
 */
public final class IntervalReport implements TransferView {

    private final Duration every;
    private final Consumer<String> lines;
    private final Consumer<Interval> ticks;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private ScheduledExecutorService clock;
    private long startedNanos;
    /** The end of the last interval reported, since the start. */
    private Duration reported = Duration.ZERO;

    /**
     * Reports every {@code every}.
     *
     * @param lines where each line for a person goes
     * @param ticks hears each interval
     */
    public IntervalReport(Duration every, Consumer<String> lines, Consumer<Interval> ticks) {
        this.every = every;
        this.lines = lines;
        this.ticks = ticks;
    }

    @Override
    public void started(Totals totals) {
        start();
    }

    @Override
    public void moved(long bytes) {
        this.bytes.addAndGet(bytes);
        start();
    }

    @Override
    public void fileDone(FileDone file) {
        files.incrementAndGet();
    }

    /** Reports the last interval, cut short, if anything moved in it; then stops. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = clock;
            clock = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            report(Duration.ofNanos(System.nanoTime() - startedNanos), true);
        }
    }

    private synchronized void start() {
        if (clock != null || startedNanos != 0) {
            return;
        }
        startedNanos = System.nanoTime();
        clock = Executors.newSingleThreadScheduledExecutor(runnable -> Threads.daemon("interval", runnable));
        long nanos = every.toNanos();
        clock.scheduleAtFixedRate(() -> report(reported.plus(every), false), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void report(Duration to, boolean last) {
        long movedBytes = bytes.getAndSet(0);
        long doneFiles = files.getAndSet(0);
        if (last && movedBytes == 0 && doneFiles == 0 || to.compareTo(reported) <= 0) {
            return;
        }
        Interval interval = new Interval(reported, to, movedBytes, doneFiles);
        reported = to;
        lines.accept(line(interval));
        ticks.accept(interval);
    }

    /** The line for {@code interval}. */
    static String line(Interval interval) {
        return String.format(Locale.ROOT, "[%6.2f-%6.2f s] %9s %11s %13s  %s",
                interval.from().toNanos() / 1e9, interval.to().toNanos() / 1e9, ByteSizes.format(interval.bytes()),
                ByteSizes.formatRate(interval.bytesPerSecond()), Rates.formatBits(interval.bytesPerSecond()),
                Counts.of(interval.files(), "file"));
    }
}
