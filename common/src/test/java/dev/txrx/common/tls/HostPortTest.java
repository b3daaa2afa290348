package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @Test
    void readsNamesAddressesAndBracketedIpv6() {
        assertThat(HostPort.parse("Files.Example.org:7878")).contains(new HostPort("files.example.org", 7878));
        assertThat(HostPort.parse("192.0.2.1:1")).contains(new HostPort("192.0.2.1", 1));
        assertThat(HostPort.parse("[::1]:65535")).contains(new HostPort("::1", 65535));
        assertThat(HostPort.parse("[fe80::1%eth0]:7878")).contains(new HostPort("fe80::1%eth0", 7878));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", ":7878", "host:", "host:0", "host:65536", "host:+1", "::1:7878", "[]:7878",
        "[::1:7878", "host:７８"})
    void refusesAnythingElse(String text) {
        assertThat(HostPort.parse(text)).isEqualTo(Optional.empty());
    }

    @Test
    void writesIpv6InBracketsAndNamesInLowerCase() {
        assertThat(new HostPort("::1", 7878)).hasToString("[::1]:7878");
        assertThat(new HostPort("[::1]", 7878)).isEqualTo(new HostPort("::1", 7878));
        assertThat(new HostPort("LocalHost", 80)).hasToString("localhost:80");
    }
}
