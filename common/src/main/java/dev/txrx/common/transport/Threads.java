package dev.txrx.common.transport;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this code base makes threads: daemon threads named {@code prefix-1}, {@code prefix-2}, ...
 * What ends one of them unexpectedly (an {@link OutOfMemoryError}, any {@link Error} or uncaught
 * exception) is logged, not lost on a stderr nobody reads.
 */
public final class Threads {

    private static final Logger log = LoggerFactory.getLogger(Threads.class);
    private static final Thread.UncaughtExceptionHandler LOG_DEATH =
            (thread, e) -> log.error("thread {} ended by {}", thread.getName(), e, e);

    private Threads() {
    }

    /** A factory of daemon threads named after {@code prefix} and a running number. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(LOG_DEATH);
            return thread;
        };
    }

    /** One daemon thread named {@code name}, not started. */
    public static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(LOG_DEATH);
        return thread;
    }
}
