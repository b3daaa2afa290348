package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TicketTest {

    private static final String PIN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String SHORT_PIN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0";
    private static final String TOKEN = "3b1f0c9e6a4d2e7f8091a2b3c4d5e6f7";

    @Test
    void holdsHostsPortPinAndToken() {
        Ticket ticket = new Ticket(List.of("192.168.1.20", "fe80::1%eth0", "nas.local"), 7878,
                Fingerprint.parse(PIN), AccessToken.parse(TOKEN));

        assertThat(ticket.format()).isEqualTo("txrx:192.168.1.20,[fe80::1%eth0],nas.local:7878:" + PIN + ":" + TOKEN);
    }

    @Test
    void withoutATokenEndsWithAColon() {
        Ticket ticket = new Ticket(List.of("[::1]"), 1, Fingerprint.parse(PIN), null);

        assertThat(ticket.hosts()).containsExactly("::1");
        assertThat(ticket.format()).isEqualTo("txrx:[::1]:1:" + PIN + ":");
        assertThat(Ticket.parse(ticket.format())).isEqualTo(ticket);
    }

    @Test
    void isReadFromTheRight() {
        Ticket ticket = Ticket.parse("  txrx:[2001:db8::7],192.0.2.7:7878:" + PIN.toUpperCase() + ":" + TOKEN + "\n");

        assertThat(ticket.hosts()).containsExactly("2001:db8::7", "192.0.2.7");
        assertThat(ticket.port()).isEqualTo(7878);
        assertThat(ticket.pin()).isEqualTo(Fingerprint.parse(PIN));
        assertThat(ticket.token()).isEqualTo(AccessToken.parse(TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "txrx",
        "host:7878:" + PIN + ":" + TOKEN,
        "txrx:" + PIN + ":" + TOKEN,
        "txrx:host:" + PIN + ":" + TOKEN,
        "txrx:host:0:" + PIN + ":" + TOKEN,
        "txrx:host:65536:" + PIN + ":" + TOKEN,
        "txrx:host:port:" + PIN + ":" + TOKEN,
        "txrx:host:7878:" + SHORT_PIN + ":" + TOKEN,
        "txrx:host:7878:" + SHORT_PIN + "g:" + TOKEN,
        "txrx:host:7878:9f86-d081-884c-7d65-9a2f-eaa0-c55a-d015-a3bf-4f1b-2b0b-822c-d15d-6c15-b0f0-0a08:" + TOKEN,
        "txrx:host:7878:" + PIN + ":short",
        "txrx:host:7878:" + PIN + ":" + TOKEN + "!",
        "txrx::7878:" + PIN + ":" + TOKEN,
        "txrx:a,,b:7878:" + PIN + ":" + TOKEN,
        "txrx:::1:7878:" + PIN + ":" + TOKEN,
        "txrx:[host]:7878:" + PIN + ":" + TOKEN,
        "txrx:ho st:7878:" + PIN + ":" + TOKEN,
    })
    void refusesAnythingElseSayingWhatATicketLooksLike(String text) {
        assertThatThrownBy(() -> Ticket.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a ticket (")
                .hasMessageContaining("a ticket looks like txrx:HOST[,HOST...]:PORT:PIN:TOKEN")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aTokenOutOfPlaceIsNotQuotedEither() {
        assertThatThrownBy(() -> Ticket.parse("txrx:" + TOKEN + "+x:7878:" + PIN + ":"))
                .hasMessageStartingWith("not a ticket (host 1 has a character that is not in a host name or address)")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void refusesWhatCannotBeWritten() {
        assertThatThrownBy(() -> new Ticket(List.of(), 7878, Fingerprint.parse(PIN), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a ticket needs at least one host");
        assertThatThrownBy(() -> new Ticket(List.of("a,b"), 7878, Fingerprint.parse(PIN), null))
                .hasMessage("a ticket cannot hold the host a,b: it has a character that is not in a host name or address");
        assertThatThrownBy(() -> new Ticket(List.of("host"), 0, Fingerprint.parse(PIN), null))
                .hasMessage("a ticket needs a port of 1 to 65535, not 0");
    }

    @Test
    void itsTextFormHidesTheToken() {
        Ticket ticket = new Ticket(List.of("host"), 7878, Fingerprint.parse(PIN), AccessToken.parse(TOKEN));

        assertThat(ticket.toString()).doesNotContain(TOKEN).contains("token=hidden").contains(Fingerprint.parse(PIN).toString());
        assertThat(new Ticket(List.of("host"), 7878, Fingerprint.parse(PIN), null).toString()).contains("token=none");
    }
}
