package dev.txrx.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinalNameTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "archive.tar.gz | 1 | archive.tar (1).gz",
        "photo.jpg      | 2 | photo (2).jpg",
        "README         | 1 | README (1)",
        ".bashrc        | 1 | .bashrc (1)",
        ".config.json   | 3 | .config (3).json",
        "..hidden       | 1 | ..hidden (1)",
        "trailing.      | 1 | trailing (1).",
    })
    void numbersACopyBeforeTheExtensionOfItsLastSegment(String name, int n, String expected) {
        assertThat(FinalName.numberedName(name, n)).isEqualTo(expected);
    }
}
