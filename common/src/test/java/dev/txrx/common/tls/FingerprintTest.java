package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintTest {

    /** SHA-256 of "abc", FIPS 180-2 appendix B.1. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void isTheSha256OfTheBytes() {
        assertThat(Fingerprint.ofDer("abc".getBytes(StandardCharsets.US_ASCII)).hex()).isEqualTo(ABC);
    }

    @Test
    void ofACertificateIsTheSha256OfItsDerEncoding() throws Exception {
        X509Certificate certificate = Certificates.fresh();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());

        assertThat(Fingerprint.of(certificate)).isEqualTo(Fingerprint.ofDer(certificate.getEncoded()));
        assertThat(Fingerprint.of(certificate).bytes()).isEqualTo(digest);
    }

    @Test
    void isWhatOpensslPrintsForTheSameCertificate() {
        assertThat(Fingerprint.of(Certificates.opensslMade()))
                .isEqualTo(Fingerprint.parse(Certificates.OPENSSL_MADE_FINGERPRINT));
        assertThat(Fingerprint.of(Certificates.opensslMade()).hex())
                .isEqualTo("9780f3ae8637b6cb12c537b0fb055c2f8f5b015890f01c7b82f3dcb8850091cf");
    }

    @Test
    void printsSixteenGroupsOfFourDigits() {
        Fingerprint fingerprint = Fingerprint.parse(ABC);

        assertThat(fingerprint).hasToString(
                "ba78-16bf-8f01-cfea-4141-40de-5dae-2223-b003-61a3-9617-7a9c-b410-ff61-f200-15ad");
        assertThat(fingerprint.bytes()).hasSize(32);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ABC,
        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        "ba78-16bf-8f01-cfea-4141-40de-5dae-2223-b003-61a3-9617-7a9c-b410-ff61-f200-15ad",
        "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
        "sha256 Fingerprint=BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
        "SHA256 Fingerprint=BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
        "ba78 16bf 8f01 cfea 4141 40de 5dae 2223 b003 61a3 9617 7a9c b410 ff61 f200 15ad",
        "  ba7816bf8f01cfea-414140de5dae2223:b00361a396177a9c b410ff61f20015ad\n",
    })
    void readsTheFormsPeopleCopy(String text) {
        assertThat(Fingerprint.parse(text)).isEqualTo(Fingerprint.parse(ABC));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
        "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "ba78--16bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "-ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad:",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015\uff10\uff10",
        "ba7816bf\t8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0",
    })
    void refusesAnythingElseSayingWhatAFingerprintLooksLike(String text) {
        assertThatThrownBy(() -> Fingerprint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a fingerprint (")
                .hasMessageContaining("a fingerprint is 64 hex digits")
                .hasMessageNotContaining("\n");
    }

    @Test
    void saysHowManyDigitsItFound() {
        assertThatThrownBy(() -> Fingerprint.parse("ba78-16bf"))
                .hasMessageStartingWith("not a fingerprint (it has 8 hex digits)");
    }

    @Test
    void equalFingerprintsAreEqualValues() {
        Fingerprint lower = Fingerprint.parse(ABC);
        Fingerprint upper = Fingerprint.parse(ABC.toUpperCase());

        assertThat(lower).isEqualTo(upper).hasSameHashCodeAs(upper);
        assertThat(lower).isNotEqualTo(Fingerprint.of(Certificates.fresh()));
    }
}
