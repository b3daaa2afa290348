package dev.txrx.common.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authorizations per address, so that guessing a token gets slower: after
 * {@value #FREE_FAILURES} failures in a row an address waits {@link #FIRST_PAUSE} for its
 * answer, twice as long after each further failure, up to {@link #LONGEST_PAUSE}. An address that
 * succeeds, or stays quiet for {@link #FORGET_AFTER}, starts again from nothing. At most
 * {@value #ADDRESSES} addresses are remembered, the oldest forgotten first. Thread-safe.
 */
final class FailedAttempts {

    static final int FREE_FAILURES = 3;
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    static final int ADDRESSES = 10_000;

    private record Record(int failures, Instant last) {
    }

    private final Clock clock;
    private final Map<String, Record> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
            return size() > ADDRESSES;
        }
    };

    FailedAttempts(Clock clock) {
        this.clock = clock;
    }

    /** Counts a failure of {@code host}; returns how long it waits for its answer. */
    synchronized Duration failed(String host) {
        Instant now = clock.instant();
        Record before = byAddress.get(host);
        int failures = before == null || before.last().plus(FORGET_AFTER).isBefore(now) ? 1 : before.failures() + 1;
        byAddress.put(host, new Record(failures, now));
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 16);
        Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    /** Forgets the failures of {@code host}. */
    synchronized void succeeded(String host) {
        byAddress.remove(host);
    }
}
