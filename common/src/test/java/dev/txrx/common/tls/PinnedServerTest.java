package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class PinnedServerTest {

    private final X509Certificate pinned = Certificates.fresh();
    private final X509Certificate other = Certificates.fresh();

    @Test
    void acceptsThePinnedIdentity() {
        PinnedServer check = new PinnedServer(Fingerprint.of(pinned), "sender");

        assertThatCode(() -> check.check("192.0.2.1", 7878, pinned)).doesNotThrowAnyException();
    }

    @Test
    void refusesAnyOtherSayingWhatWasSeenAndWhatWasPinned() {
        PinnedServer check = new PinnedServer(Fingerprint.of(pinned), "sender");

        assertThatThrownBy(() -> check.check("::1", 7878, other))
                .isInstanceOf(UntrustedPeerException.class)
                .hasMessage("the sender at [::1]:7878 presented identity " + Fingerprint.of(other) + ", not the pinned "
                        + Fingerprint.of(pinned) + "; nothing was sent. Check the address and the pin.");
    }
}
