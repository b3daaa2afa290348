package dev.txrx.common.transport;

import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Durations;
import java.io.Closeable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Closes a connection that stalls or dribbles. Blocking channels ignore socket timeouts, so this
 * is how reads and writes on them time out: the close wakes the blocked thread with an exception,
 * and {@link Watch#firedMessage()} tells it why. Three limits apply to a watched connection:
 * <ul>
 *   <li>a deadline for a phase, such as the handshake, progress or not ({@link Watch#expectWithin});</li>
 *   <li>the idle timeout: one blocking read or write may last this long ({@link Watch#expect});</li>
 *   <li>the {@link MinimumRate}: over each window of time spent blocked on the peer, the peer must
 *       have moved a number of bytes, so that a peer dribbling a byte now and then, each time just
 *       within the idle timeout, cannot hold its connection for ever. Only time inside a blocking
 *       call counts: this side's own pauses (pacing, a generator, a pause between files) do not.</li>
 * </ul>
 * Reads and writes are timed in {@linkplain Watch#reads() separate slots}, so that a thread
 * writing never resets the clock of another thread reading on the same connection.
 */
public final class StallWatchdog implements AutoCloseable {

    private static final long TICK_MILLIS = 50;

    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    public StallWatchdog() {
        this(System::nanoTime, true);
    }

    /** A watchdog on {@code clock} (nanoseconds); without {@code ticking}, only {@link #check()} looks. */
    StallWatchdog(LongSupplier clock, boolean ticking) {
        this.clock = clock;
        if (ticking) {
            timer = Executors.newSingleThreadScheduledExecutor(
                    runnable -> Threads.daemon("stall-watchdog", runnable));
            timer.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Starts watching {@code target} with no minimum rate; close the returned watch when the connection ends. */
    public Watch watch(Closeable target, Duration timeout, String activity) {
        return watch(target, timeout, activity, MinimumRate.NONE);
    }

    /** Starts watching {@code target}; close the returned watch when the connection ends. */
    public Watch watch(Closeable target, Duration timeout, String activity, MinimumRate rate) {
        Watch watch = new Watch(target, timeout, activity, rate);
        watches.add(watch);
        return watch;
    }

    /** Looks at every watch once; the timer does this every few milliseconds. */
    void check() {
        long now = clock.getAsLong();
        for (Watch watch : watches) {
            watch.checkAt(now);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One watched connection: a phase deadline and one {@link Slot} each for reads and writes. Thread-safe. */
    public final class Watch implements AutoCloseable {
        private final Closeable target;
        private final MinimumRate rate;
        private final Slot reads = new Slot("read");
        private final Slot writes = new Slot("written");
        private volatile String activity;
        /** When the current phase must be over, progress or not, or 0 for no deadline. */
        private volatile long deadline;
        private volatile String deadlineActivity;
        private volatile long deadlineLength;
        private volatile String firedMessage;

        private Watch(Closeable target, Duration timeout, String activity, MinimumRate rate) {
            this.target = target;
            this.rate = rate;
            this.activity = activity;
            reads.limit(timeout.toNanos(), true);
            writes.limit(timeout.toNanos(), true);
        }

        /**
         * Changes the timeout of each blocking read and write ({@link Duration#ZERO}: none) and what
         * the connection is doing, for the message if it fires; the minimum rate applies to both.
         * Clears the deadline of {@link #expectWithin}.
         */
        public void expect(String activity, Duration timeout) {
            expect(activity, timeout, true, timeout);
        }

        /**
         * Like {@link #expect(String, Duration)}, with reads and writes apart: the peer owes us
         * bytes to read at the minimum rate only if {@code readsMetered}; writes always are.
         */
        public void expect(String activity, Duration readTimeout, boolean readsMetered, Duration writeTimeout) {
            this.deadline = 0;
            this.activity = activity;
            reads.limit(readTimeout.toNanos(), readsMetered);
            writes.limit(writeTimeout.toNanos(), true);
        }

        /**
         * Sets a deadline for the current phase, such as the handshake: the connection is closed
         * when it passes, even if bytes keep trickling in. {@link #expect} clears it.
         */
        public void expectWithin(String activity, Duration limit) {
            this.deadlineActivity = activity;
            this.deadlineLength = limit.toNanos();
            this.deadline = clock.getAsLong() + limit.toNanos();
        }

        /** The slot that times blocking reads. */
        public Slot reads() {
            return reads;
        }

        /** The slot that times blocking writes. */
        public Slot writes() {
            return writes;
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
            if (due != 0 && now - due >= 0) {
                fire("timed out after " + Durations.format(Duration.ofNanos(deadlineLength)) + " " + deadlineActivity);
                return;
            }
            String problem = reads.problemAt(now);
            if (problem == null) {
                problem = writes.problemAt(now);
            }
            if (problem != null) {
                fire(problem);
            }
        }

        private synchronized void fire(String message) {
            if (firedMessage == null) {
                firedMessage = message;
                Connections.abort(target);
            }
        }

        @Override
        public void close() {
            watches.remove(this);
        }

        /**
         * The timing of one direction: the blocking call in progress, if any, and the window of
         * blocked time over which the peer's bytes are counted against the minimum rate. Calls in
         * one slot do not overlap (one thread reads, one writes at a time).
         */
        public final class Slot {
            private final String moved;
            private long timeoutNanos;
            private boolean metered;
            private boolean busy;
            /** When the call in progress started, for the idle timeout. */
            private long busySince;
            /** Since when the call in progress has not been added to {@link #waited}. */
            private long countedSince;
            /** Time blocked in this window, not counting the call in progress. */
            private long waited;
            /** Bytes moved in this window. */
            private long bytes;

            private Slot(String moved) {
                this.moved = moved;
            }

            private synchronized void limit(long timeout, boolean meteredByRate) {
                this.timeoutNanos = timeout;
                if (this.metered != meteredByRate) {
                    waited = 0;
                    bytes = 0;
                    countedSince = clock.getAsLong();
                }
                this.metered = meteredByRate;
            }

            /** Marks the start of a blocking call. */
            public void begin() {
                long now = clock.getAsLong();
                synchronized (this) {
                    busy = true;
                    busySince = now;
                    countedSince = now;
                }
            }

            /**
             * Marks the end of a blocking call that moved {@code count} bytes.
             *
             * @return why the connection was closed just now, if the peer fell below the minimum rate, or null
             */
            public String end(long count) {
                long now = clock.getAsLong();
                String problem;
                synchronized (this) {
                    busy = false;
                    waited += now - countedSince;
                    bytes += Math.max(0, count);
                    problem = tooSlow(now);
                }
                if (problem != null) {
                    fire(problem);
                }
                return problem;
            }

            private synchronized String problemAt(long now) {
                if (busy && timeoutNanos > 0 && now - busySince >= timeoutNanos) {
                    return "timed out after " + Durations.format(Duration.ofNanos(timeoutNanos)) + " " + activity;
                }
                return tooSlow(now);
            }

            /** Closes the window once it is full: the message if the peer moved too little in it, else null. */
            private String tooSlow(long now) {
                if (!metered || !rate.applies()) {
                    return null;
                }
                long blocked = waited + (busy ? now - countedSince : 0);
                if (blocked < rate.window().toNanos()) {
                    return null;
                }
                Duration window = Duration.ofNanos(blocked);
                if (!rate.met(bytes, window)) {
                    return "too slow: " + Counts.of(bytes, "byte") + " " + moved + " in "
                            + Durations.format(window) + " of waiting, below the minimum of " + rate + " ("
                            + activity + ")";
                }
                waited = 0;
                bytes = 0;
                countedSince = now;
                return null;
            }
        }
    }
}
