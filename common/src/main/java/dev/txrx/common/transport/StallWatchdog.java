package dev.txrx.common.transport;

import dev.txrx.common.text.Durations;
import java.io.Closeable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose current blocking read or write has made no progress for longer
 * than its timeout. Blocking channels ignore socket timeouts, so this is how reads and writes
 * on them time out: the close wakes the blocked thread with an exception, and
 * {@link Watch#firedMessage()} tells it why.
 */
public final class StallWatchdog implements AutoCloseable {

    private static final long TICK_MILLIS = 50;

    private final ScheduledExecutorService timer;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    public StallWatchdog() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stall-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts watching {@code target}; close the returned watch when the connection ends. */
    public Watch watch(Closeable target, Duration timeout, String activity) {
        Watch watch = new Watch(target, timeout, activity);
        watches.add(watch);
        return watch;
    }

    private void check() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            watch.checkAt(now);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One watched connection. Thread-safe. */
    public final class Watch implements AutoCloseable {
        private final Closeable target;
        private volatile long timeoutNanos;
        private volatile String activity;
        /** When the blocking operation in progress started, or 0 when none is. */
        private volatile long busySince;
        /** When the current phase must be over, progress or not, or 0 for no deadline. */
        private volatile long deadline;
        private volatile String deadlineActivity;
        private volatile long deadlineLength;
        private volatile String firedMessage;

        private Watch(Closeable target, Duration timeout, String activity) {
            this.target = target;
            this.timeoutNanos = timeout.toNanos();
            this.activity = activity;
        }

        /** Changes the timeout and what the connection is doing, for the message if it fires. */
        public void expect(String activity, Duration timeout) {
            this.deadline = 0;
            this.activity = activity;
            this.timeoutNanos = timeout.toNanos();
        }

        /**
         * Sets a deadline for the current phase, such as the handshake: the connection is closed
         * when it passes, even if bytes keep trickling in. {@link #expect} clears it.
         */
        public void expectWithin(String activity, Duration limit) {
            this.deadlineActivity = activity;
            this.deadlineLength = limit.toNanos();
            this.deadline = System.nanoTime() + limit.toNanos();
        }

        /** Marks the start of a blocking operation. */
        public void begin() {
            busySince = System.nanoTime();
        }

        /** Marks the end of a blocking operation. */
        public void end() {
            busySince = 0;
        }

        /** Why the watchdog closed the connection, or null if it did not. */
        public String firedMessage() {
            return firedMessage;
        }

        private void checkAt(long now) {
            if (firedMessage != null) {
                return;
            }
            long due = deadline;
            long since = busySince;
            long timeout = timeoutNanos;
            if (due != 0 && now - due >= 0) {
                fire("timed out after " + Durations.format(Duration.ofNanos(deadlineLength)) + " " + deadlineActivity);
            } else if (since != 0 && timeout > 0 && now - since >= timeout) {
                fire("timed out after " + Durations.format(Duration.ofNanos(timeout)) + " " + activity);
            }
        }

        private void fire(String message) {
            firedMessage = message;
            Connections.abort(target);
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
