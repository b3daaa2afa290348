package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchdog on a clock of its own: idle timeouts per direction, the minimum rate's window, own pauses. */
@Timeout(10)
class StallWatchdogTest {

    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final MinimumRate RATE = new MinimumRate(100, IDLE);

    private final AtomicLong clock = new AtomicLong(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Closeable target = () -> closed.set(true);
    private final StallWatchdog watchdog = new StallWatchdog(clock::get, false);

    private void pass(Duration time) {
        clock.addAndGet(time.toNanos());
    }

    /** One blocking call in {@code slot} that lasts {@code blocked} and moves {@code bytes}. */
    private String call(StallWatchdog.Watch.Slot slot, Duration blocked, long bytes) {
        slot.begin();
        pass(blocked);
        return slot.end(bytes);
    }

    @Test
    void aWriterThreadDoesNotResetTheClockOfAReadBlockedOnAnotherThread() throws Exception {
        StallWatchdog.Watch watch = watchdog.watch(target, IDLE, "waiting for data from peer");
        watch.reads().begin();
        CountDownLatch written = new CountDownLatch(100);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                watch.writes().begin();
                watch.writes().end(4096);
                written.countDown();
            }
        }, "test-writer");
        pass(Duration.ofSeconds(6));
        writer.start();
        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        writer.join();
        pass(Duration.ofSeconds(5));
        watchdog.check();

        assertThat(closed).isTrue();
        assertThat(watch.firedMessage()).isEqualTo("timed out after 10s waiting for data from peer");
    }

    @Test
    void aReadThatWaitsLessThanTheIdleTimeoutIsNotDropped() {
        StallWatchdog.Watch watch = watchdog.watch(target, IDLE, "waiting for data from peer");
        watch.reads().begin();
        pass(Duration.ofSeconds(9));
        watchdog.check();
        watch.reads().end(1);
        pass(Duration.ofSeconds(60));
        watchdog.check();

        assertThat(closed).isFalse();
        assertThat(watch.firedMessage()).isNull();
    }

    @Test
    void aPeerThatDribblesEachByteWithinTheIdleTimeoutIsDroppedWhenTheWindowIsFull() {
        StallWatchdog.Watch watch = watchdog.watch(target, IDLE, "waiting for data from peer", RATE);

        assertThat(call(watch.reads(), Duration.ofSeconds(4), 1)).isNull();
        assertThat(call(watch.reads(), Duration.ofSeconds(4), 1)).isNull();
        watchdog.check();
        assertThat(closed).isFalse();
        String problem = call(watch.reads(), Duration.ofSeconds(4), 1);

        assertThat(problem).isEqualTo("too slow: 3 bytes read in 12s of waiting, below the minimum of 100 B/s "
                + "(waiting for data from peer)");
        assertThat(watch.firedMessage()).isEqualTo(problem);
        assertThat(closed).isTrue();
    }

    @Test
    void aReadInProgressCountsTowardsTheWindowWithNothingMoved() {
        StallWatchdog.Watch watch = watchdog.watch(target, Duration.ofSeconds(30), "waiting for data from peer",
                RATE);
        call(watch.reads(), Duration.ofSeconds(8), 1);
        watch.reads().begin();
        pass(Duration.ofSeconds(3));
        watchdog.check();

        assertThat(closed).isTrue();
        assertThat(watch.firedMessage()).startsWith("too slow: 1 byte read in 11s of waiting");
    }

    @Test
    void aSlowButGenuinePeerAboveTheRateIsNeverDropped() {
        StallWatchdog.Watch watch = watchdog.watch(target, IDLE, "waiting for data from peer", RATE);
        for (int i = 0; i < 1000; i++) {
            assertThat(call(watch.reads(), Duration.ofSeconds(4), 401)).isNull();
            assertThat(call(watch.writes(), Duration.ofSeconds(9), 64 * 1024)).isNull();
            watchdog.check();
        }
        assertThat(closed).isFalse();
    }

    @Test
    void ourOwnPausesBetweenCallsDoNotCountAgainstThePeer() {
        StallWatchdog.Watch watch = watchdog.watch(target, IDLE, "sending to peer", RATE);
        for (int i = 0; i < 9; i++) {
            // one byte after a second of waiting, then a minute of this side's own pacing
            assertThat(call(watch.writes(), Duration.ofSeconds(1), 1)).isNull();
            pass(Duration.ofMinutes(1));
            watchdog.check();
        }
        assertThat(closed).isFalse();
        assertThat(call(watch.writes(), Duration.ofSeconds(2), 1)).startsWith("too slow: 10 bytes written in 11s");
    }

    @Test
    void aStreamWaitsForeverForThePeerToSpeakButDropsAPeerThatStopsReading() {
        StallWatchdog.Watch watch = watchdog.watch(target, IDLE, "talking to peer", RATE);
        watch.expect("streaming text to peer", Duration.ZERO, false, IDLE);
        watch.reads().begin();
        pass(Duration.ofHours(1));
        watchdog.check();
        assertThat(closed).isFalse();

        watch.writes().begin();
        pass(Duration.ofSeconds(10));
        watchdog.check();

        assertThat(closed).isTrue();
        assertThat(watch.firedMessage()).isEqualTo("timed out after 10s streaming text to peer");
    }

    @Test
    void aDeadlineHoldsWhateverMoves() {
        StallWatchdog.Watch watch = watchdog.watch(target, IDLE, "talking to peer", RATE);
        watch.expectWithin("waiting for HELLO from peer", Duration.ofSeconds(5));
        call(watch.reads(), Duration.ofSeconds(5), 1_000_000);
        watchdog.check();

        assertThat(watch.firedMessage()).isEqualTo("timed out after 5s waiting for HELLO from peer");
    }

    @Test
    void noMinimumRateMeansOnlyTheIdleTimeout() {
        StallWatchdog.Watch watch = watchdog.watch(target, IDLE, "waiting for data from peer");
        for (int i = 0; i < 100; i++) {
            assertThat(call(watch.reads(), Duration.ofSeconds(9), 1)).isNull();
            watchdog.check();
        }
        assertThat(closed).isFalse();
    }
}
