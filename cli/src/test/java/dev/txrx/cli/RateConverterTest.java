package dev.txrx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.text.Rates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** Rates as iperf3 users write them (bits, 1000-based) and as sizes are (bytes, 1024-based). */
class RateConverterTest {

    private final RateConverter converter = new RateConverter();

    @ParameterizedTest(name = "{0} is {1} bytes per second")
    @CsvSource({
        "0, 0",
        "128, 128",
        "500K, 512000",
        "10M, 10485760",
        "1G, 1073741824",
        "10MB, 10485760",
        "10MiB/s, 10485760",
        "10M/s, 10485760",
        "100Mbit, 12500000",
        "100mbit/s, 12500000",
        "100Mbits, 12500000",
        "1Gbps, 125000000",
        "10Mbps, 1250000",
        "1.5Gbit, 187500000",
        "64kbit, 8000",
        "8bit, 1",
        "'100 Mbit', 12500000",
    })
    void readsBytesAndBits(String text, long bytesPerSecond) {
        assertThat(converter.convert(text)).isEqualTo(bytesPerSecond);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "-1M", "10X", "10Mbps/s", "10 bytes", "iB", "1e9bit"})
    void rejectsTextThatIsNotARateNamingItAndTheForms(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a rate (examples: 500K, 10M, 100Mbit, 1Gbps)");
    }

    @ParameterizedTest(name = "{0} bytes/s is {1}")
    @CsvSource({
        "0, 0 bit/s",
        "100, 800 bit/s",
        "12500000, 100 Mbit/s",
        "4585939, 36.7 Mbit/s",
        "125000000, 1.00 Gbit/s",
    })
    void printsBitsPerSecondAsNetworksCountThem(double bytesPerSecond, String text) {
        assertThat(Rates.formatBits(bytesPerSecond)).isEqualTo(text);
    }
}
