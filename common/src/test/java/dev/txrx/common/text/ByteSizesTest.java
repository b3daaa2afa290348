package dev.txrx.common.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes as a person types them, and as the apps print them. */
class ByteSizesTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
            "0, 0",
            "512, 512",
            "64K, 65536",
            "10M, 10485760",
            "2G, 2147483648",
            "1T, 1099511627776",
            "1.5K, 1536",
            "0.5M, 524288",
            "10MiB, 10485760",
            "10MB, 10485760",
            "64kb, 65536",
            "512B, 512",
            "'  2g ', 2147483648",
            "'4 K', 4096",
    })
    void parsesSize(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10X", "", " ", "K", "1.5.2", "10 bytes", "10iB", "0x10", "1e3"})
    void rejectsTextThatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.5B", "0.1K"})
    void rejectsFractionOfAByte(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a whole number of bytes");
    }

    @Test
    void rejectsSizeTooLargeForALong() {
        assertThatThrownBy(() -> ByteSizes.parse("8388608T")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'8388608T' is too large a size");
    }

    @ParameterizedTest(name = "{0} bytes print as {1}")
    @CsvSource({
            "0, 0 B",
            "512, 512 B",
            "1023, 1023 B",
            "1024, 1.00 KiB",
            "1536, 1.50 KiB",
            "65536, 64.0 KiB",
            "10485760, 10.0 MiB",
            "104857600, 100 MiB",
            "2147483648, 2.00 GiB",
            "1099511627776, 1.00 TiB",
            "1125899906842624, 1024 TiB",
    })
    void formatsSizeWithBinaryUnit(long bytes, String text) {
        assertThat(ByteSizes.format(bytes)).isEqualTo(text);
    }

    @Test
    void formatsRatePerSecond() {
        assertThat(ByteSizes.formatRate(1536.4)).isEqualTo("1.50 KiB/s");
        assertThat(ByteSizes.formatRate(100)).isEqualTo("100 B/s");
        assertThat(ByteSizes.formatRate(Double.NaN)).isEqualTo("-");
        assertThat(ByteSizes.formatRate(Double.POSITIVE_INFINITY)).isEqualTo("-");
    }
}
