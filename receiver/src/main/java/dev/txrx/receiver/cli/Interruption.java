package dev.txrx.receiver.cli;

import dev.txrx.common.transport.Threads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) while the receiver runs: a shutdown hook that cancels what is running (the
 * sessions, the upload listener), interrupts the main thread, and holds the JVM until the report
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
    private final Thread hook;
    private volatile boolean happened;

    private Interruption(Thread main) {
        hook = Threads.daemon("interrupt", () -> {
            happened = true;
            cancels.forEach(Runnable::run);
            main.interrupt();
            try {
                reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exit regardless
            }
        });
    }

    /** Installs the hook; it interrupts the calling thread. */
    static Interruption install() {
        Interruption interruption = new Interruption(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
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
