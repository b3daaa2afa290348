package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void delayDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(5));
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMillis(4000));
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(1000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsZeroAttempts() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempts");
    }
}
