package dev.txrx.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "::                      | [::]:29494",
        "[::]                    | [::]:29494",
        "0:0:0:0:0:0:0:1         | [::1]:29494",
        "fd00:0:0:0:0:0:0:2      | [fd00::2]:29494",
        "2001:DB8:0:0:1:0:0:1    | [2001:db8::1:0:0:1]:29494",
        "2001:db8:0:1:1:1:1:1    | [2001:db8:0:1:1:1:1:1]:29494",
        "fe80:0:0:0:0:0:0:1%eth0 | [fe80::1%eth0]:29494",
        "127.0.0.1               | 127.0.0.1:29494",
        "0.0.0.0                 | 0.0.0.0:29494",
        "files.example.org       | files.example.org:29494",
    })
    void anIpv6AddressIsBracketedAndShortest(String host, String shown) {
        assertThat(Addresses.of(host, 29494)).isEqualTo(shown);
    }

    @Test
    void socketAddressesAreWrittenTheSameWay() throws Exception {
        assertThat(Addresses.of(new InetSocketAddress(InetAddress.getByName("::"), 7878))).isEqualTo("[::]:7878");
        assertThat(Addresses.of(new InetSocketAddress(InetAddress.getByName("::1"), 7878))).isEqualTo("[::1]:7878");
        assertThat(Addresses.of(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 7878)))
                .isEqualTo("192.0.2.1:7878");
        assertThat(Addresses.of(InetSocketAddress.createUnresolved("files.example.org", 7878)))
                .isEqualTo("files.example.org:7878");
    }

    @Test
    void aHostIsShortenedWithoutBrackets() throws Exception {
        assertThat(Addresses.host(InetAddress.getByName("fd00:0:0:0:0:0:0:2"))).isEqualTo("fd00::2");
        assertThat(Addresses.host("[::1]")).isEqualTo("::1");
        assertThat(Addresses.host("not:an:address:at:all")).isEqualTo("not:an:address:at:all");
    }
}
