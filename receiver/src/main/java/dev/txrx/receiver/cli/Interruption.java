package dev.txrx.receiver.cli;

import dev.txrx.common.transport.Threads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) while the receiver runs: a shutdown hook that cancels what is running (the
 * sessions' connections, the upload listener), wakes a pause between connection attempts
 * ({@link #pause}), and holds the JVM until the report
 * is printed (at most {@value #REPORT_WAIT_SECONDS} s). Closing it says the report is printed and
 * removes the hook.
 */
final class Interruption implements AutoCloseable {

    private static final long REPORT_WAIT_SECONDS = 5;

    /** Undoes a {@link #cancels} registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Set<Runnable> cancels = ConcurrentHashMap.newKeySet();
    private final CountDownLatch reported = new CountDownLatch(1);
    /** Counted down when Ctrl-C comes: wakes {@link #pause}. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean happened;

    private Interruption() {
        hook = Threads.daemon("interrupt", () -> {
            happened = true;
            stopped.countDown();
            // Each run stops its connection; no thread is interrupted, since one may be writing
            // a file, and an interrupt closes a FileChannel (the partial file would be lost).
            cancels.forEach(Runnable::run);
            try {
                reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exit regardless
            }
        });
    }

    /** Installs the hook. */
    static Interruption install() {
        Interruption interruption = new Interruption();
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /**
     * Waits {@code duration} between two connection attempts, or less if Ctrl-C comes: the
     * connector's way to sleep, woken without an interrupt.
     *
     * @throws InterruptedException if Ctrl-C came
     */
    void pause(Duration duration) throws InterruptedException {
        if (stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new InterruptedException("Ctrl-C");
        }
    }

    /** True once Ctrl-C came. */
    boolean happened() {
        return happened;
    }

    /** Runs {@code cancel} when Ctrl-C comes, or at once if it came already, until the registration is closed. */
    Registration cancels(Runnable cancel) {
        cancels.add(cancel);
        if (happened) {
            cancel.run();
        }
        return () -> cancels.remove(cancel);
    }

    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and waits for the report printed before
        }
    }
}
