package dev.txrx.common.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as a person types them, and as the apps print them. */
class DurationsTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({
            "0, 0",
            "0ms, 0",
            "250ms, 250",
            "2s, 2000",
            "2, 2000",
            "1.5s, 1500",
            "1.5m, 90000",
            "10m, 600000",
            "1h, 3600000",
            "'  3S ', 3000",
            "'5 ms', 5",
    })
    void parsesDuration(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void keepsFractionsOfAMillisecond() {
        assertThat(Durations.parse("0.5ms")).isEqualTo(Duration.ofNanos(500_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10X", "", " ", "ms", "1.5 bytes", "2d", "1m30s", "PT2S"})
    void rejectsTextThatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a duration");
    }

    @Test
    void rejectsDurationTooLongForNanoseconds() {
        assertThatThrownBy(() -> Durations.parse("3000000h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'3000000h' is too long a duration");
    }

    @ParameterizedTest(name = "{0} ms prints as {1}")
    @CsvSource({
            "0, 0ms",
            "250, 250ms",
            "999, 999ms",
            "1000, 1s",
            "2000, 2s",
            "1500, 1.5s",
            "59000, 59s",
            "60000, 1m",
            "90000, 1m30s",
            "200000, 3m20s",
            "3600000, 60m",
    })
    void formatsDuration(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
