package dev.txrx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HOST[:PORT] as a person writes it, IPv6 in brackets, and the host strings no retry could fix. */
class PeerAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "example.org|example.org|-",
        "example.org:7878|example.org|7878",
        "192.0.2.1:1|192.0.2.1|1",
        "[::1]:47474|::1|47474",
        "[::1]|::1|-",
        "::1|::1|-",
        "fe80::1%eth0|fe80::1%eth0|-",
        "my_host.local.|my_host.local.|-",
    })
    void readsHostAndPort(String text, String host, Integer port) {
        assertThat(PeerAddress.parse(text)).isEqualTo(new PeerAddress(host, port));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exa mple.org|'exa mple.org' is not a host name or address",
        "-h|'-h' is not a host name or address",
        "a..b|'a..b' is not a host name or address",
        "a/b|'a/b' is not a host name or address",
        ":47474|the host is empty",
        "host:99999|'host:99999': port 99999 is outside 1..65535",
        "host:port|'host:port': 'port' is not a port number",
        "[::1|'[::1' has no ']' after its IPv6 address",
        "[::1]47474|'[::1]47474' is not [IPv6]:PORT",
        "[example.org]:1|'example.org' in '[example.org]:1' is not an IPv6 address",
    })
    void rejectsWhatNoRetryCouldFixInWords(String text, String message) {
        assertThatThrownBy(() -> PeerAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
