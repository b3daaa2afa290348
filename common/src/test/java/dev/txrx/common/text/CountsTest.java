package dev.txrx.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {

    @Test
    void oneTakesTheSingularEveryOtherCountThePlural() {
        assertThat(Counts.of(1, "file")).isEqualTo("1 file");
        assertThat(Counts.of(0, "file")).isEqualTo("0 files");
        assertThat(Counts.of(2, "session")).isEqualTo("2 sessions");
        assertThat(Counts.of(-1, "byte")).isEqualTo("-1 bytes");
    }

    @Test
    void aYAfterAConsonantBecomesIesAndAfterAVowelTakesAnS() {
        assertThat(Counts.of(1, "directory")).isEqualTo("1 directory");
        assertThat(Counts.of(3, "directory")).isEqualTo("3 directories");
        assertThat(Counts.of(2, "entry")).isEqualTo("2 entries");
        assertThat(Counts.of(2, "day")).isEqualTo("2 days");
    }

    @Test
    void anIrregularPluralIsGiven() {
        assertThat(Counts.of(1, "time", "times")).isEqualTo("1 time");
        assertThat(Counts.of(4, "was", "were")).isEqualTo("4 were");
    }
}
