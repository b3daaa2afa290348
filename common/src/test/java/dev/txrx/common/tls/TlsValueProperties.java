package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Every ticket, fingerprint and token comes back equal from its text form. */
class TlsValueProperties {

    private static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-";

    @Property
    void aTicketSurvivesFormatAndParse(@ForAll("tickets") Ticket ticket) {
        assertThat(Ticket.parse(ticket.format())).isEqualTo(ticket);
    }

    @Property
    void aTicketsTextFormNeverHoldsItsToken(@ForAll("tickets") Ticket ticket) {
        if (ticket.token() != null) {
            assertThat(ticket.toString()).doesNotContain(ticket.token().reveal());
        }
    }

    @Property
    void aFingerprintSurvivesEachOfItsForms(@ForAll("fingerprints") Fingerprint fingerprint) {
        String colons = fingerprint.hex().toUpperCase().replaceAll("(..)(?!$)", "$1:");

        assertThat(Fingerprint.parse(fingerprint.toString())).isEqualTo(fingerprint);
        assertThat(Fingerprint.parse(fingerprint.hex())).isEqualTo(fingerprint);
        assertThat(Fingerprint.parse(colons)).isEqualTo(fingerprint);
        assertThat(Fingerprint.parse("sha256 Fingerprint=" + colons)).isEqualTo(fingerprint);
        assertThat(fingerprint.toString()).matches("[0-9a-f]{4}(-[0-9a-f]{4}){15}");
    }

    @Property
    void aTokenSurvivesItsText(@ForAll("tokens") AccessToken token) {
        assertThat(AccessToken.parse(token.reveal())).isEqualTo(token);
        assertThat(token.matches(token.bytes())).isTrue();
    }

    @Property
    void aHostAndPortSurvivesItsText(@ForAll("hosts") String host, @ForAll @IntRange(min = 1, max = 65535) int port) {
        HostPort hostPort = new HostPort(host, port);

        assertThat(HostPort.parse(hostPort.toString())).contains(hostPort);
    }

    @Provide
    Arbitrary<Ticket> tickets() {
        return Combinators.combine(hosts().list().ofMinSize(1).ofMaxSize(5), Arbitraries.integers().between(1, 65535),
                fingerprints(), tokens().injectNull(0.3))
                .as((List<String> hosts, Integer port, Fingerprint pin, AccessToken token) -> new Ticket(hosts, port, pin, token));
    }

    @Provide
    Arbitrary<Fingerprint> fingerprints() {
        return Arbitraries.bytes().array(byte[].class).ofSize(8).map(Fingerprint::ofDer);
    }

    @Provide
    Arbitrary<AccessToken> tokens() {
        Arbitrary<AccessToken> chosen = Arbitraries.strings().withChars(UNRESERVED).ofMinLength(16).ofMaxLength(255)
                .map(AccessToken::parse);
        return Arbitraries.oneOf(chosen, Arbitraries.create(AccessToken::generate));
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1)
                .ofMaxLength(12).list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(octets -> octets.stream().map(String::valueOf).reduce((a, b) -> a + "." + b).orElseThrow());
        Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xffff).list().ofMinSize(1).ofMaxSize(7)
                .map(groups -> groups.stream().map(Integer::toHexString).reduce((a, b) -> a + ":" + b).orElseThrow() + "::1");
        Arbitrary<String> zoned = ipv6.map(address -> "fe80::" + address.substring(address.lastIndexOf(':') + 1) + "%eth0");
        return Arbitraries.oneOf(names, ipv4, ipv6, zoned);
    }
}
