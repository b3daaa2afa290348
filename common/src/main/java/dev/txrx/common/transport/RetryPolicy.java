package dev.txrx.common.transport;

import java.time.Duration;

/**
 * How often and how patiently to try connecting: {@code attempts} tries in all, the first
 * pause {@code initialDelay}, each later pause twice the one before, never above {@code maxDelay}.
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** The pause after failed attempt {@code attempt} (counting from 1) before the next one. */
    public Duration delayAfter(int attempt) {
        Duration delay = initialDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
