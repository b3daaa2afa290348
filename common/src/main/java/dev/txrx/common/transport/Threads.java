package dev.txrx.common.transport;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The one way this code base makes threads: daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
public final class Threads {

    private Threads() {
    }

    /** A factory of daemon threads named after {@code prefix} and a running number. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One daemon thread named {@code name}, not started. */
    public static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
