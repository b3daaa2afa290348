package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed authorizations slow an address down, and only that address. */
class FailedAttemptsTest {

    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final FailedAttempts attempts = new FailedAttempts(clock);

    @Test
    void theFirstFailuresAreFreeThenEachPauseDoublesUpToTheLongest() {
        for (int i = 0; i < FailedAttempts.FREE_FAILURES; i++) {
            assertThat(attempts.failed("10.0.0.9")).isZero();
        }
        assertThat(attempts.failed("10.0.0.9")).isEqualTo(Duration.ofMillis(250));
        assertThat(attempts.failed("10.0.0.9")).isEqualTo(Duration.ofMillis(500));
        assertThat(attempts.failed("10.0.0.9")).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            attempts.failed("10.0.0.9");
        }
        assertThat(attempts.failed("10.0.0.9")).isEqualTo(FailedAttempts.LONGEST_PAUSE);
    }

    @Test
    void anotherAddressIsNotSlowedDown() {
        for (int i = 0; i < 10; i++) {
            attempts.failed("10.0.0.9");
        }
        assertThat(attempts.failed("10.0.0.10")).isZero();
    }

    @Test
    void aSuccessOrTenQuietMinutesStartAgainFromNothing() {
        for (int i = 0; i < 10; i++) {
            attempts.failed("10.0.0.9");
        }
        attempts.succeeded("10.0.0.9");
        assertThat(attempts.failed("10.0.0.9")).isZero();
        for (int i = 0; i < 10; i++) {
            attempts.failed("10.0.0.9");
        }
        clock.now = clock.now.plus(FailedAttempts.FORGET_AFTER).plusSeconds(1);
        assertThat(attempts.failed("10.0.0.9")).isZero();
    }
}
