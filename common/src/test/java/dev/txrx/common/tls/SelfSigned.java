package dev.txrx.common.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A test identity: an EC P-256 key and its self-signed certificate, an {@link Identity} made in a
 * test's temporary directory.
 */
record SelfSigned(PrivateKey key, X509Certificate certificate) {

    private static final String PASSWORD = "test-only";

    /** A new identity for {@code name}, in its own directory below {@code dir}. */
    static SelfSigned create(Path dir, String name) throws IOException {
        Identity identity = Identity.loadOrCreate(dir.resolve(name));
        return new SelfSigned(identity.privateKey(), identity.certificate());
    }

    /** Our TLS with this identity. */
    Tls tls() {
        return Tls.of(key, certificate);
    }

    /**
     * A plain JSSE context with this identity that trusts any peer, for tests whose other side is
     * an {@code SSLSocket} rather than a {@link TlsChannel}.
     */
    SSLContext trustingContext(String protocol) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("identity", key, PASSWORD.toCharArray(), new java.security.cert.Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(keys.getKeyManagers(), new TrustManager[] {new TrustingEveryone()}, null);
        return context;
    }

    /** A plain JSSE context without any certificate of its own, that trusts any peer. */
    static SSLContext anonymousContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, new TrustManager[] {new TrustingEveryone()}, null);
        return context;
    }

    /** Trusts any peer: the tests that use it are about something else. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
