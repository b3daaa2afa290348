package dev.txrx.common.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** Certificates for tests: fresh ones as an identity has, and one that openssl made. */
final class Certificates {

    /** What {@code openssl x509 -noout -fingerprint -sha256} printed for {@link #opensslMade()}. */
    static final String OPENSSL_MADE_FINGERPRINT =
            "sha256 Fingerprint=97:80:F3:AE:86:37:B6:CB:12:C5:37:B0:FB:05:5C:2F:8F:5B:01:58:90:F0:1C:7B:82:F3:DC:B8:85:00:91:CF";

    private Certificates() {
    }

    /** A new self-signed certificate on a new key, as {@link Identity} makes them. */
    static X509Certificate fresh() {
        try {
            return SelfSignedCertificate.create(SelfSignedCertificate.newKeyPair(), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate that openssl made ({@code openssl req -x509 -newkey ec}), from the test resources. */
    static X509Certificate opensslMade() {
        try (InputStream in = Certificates.class.getResourceAsStream("openssl-made.crt")) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
