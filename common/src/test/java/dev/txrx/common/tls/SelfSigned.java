package dev.txrx.common.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A test identity: an EC P-256 key and its self-signed certificate, made by the JDK's own
 * {@code keytool} into a PKCS12 file in a test's temporary directory.
 */
record SelfSigned(PrivateKey key, X509Certificate certificate) {

    private static final String PASSWORD = "test-only";

    /** Runs keytool to make a pair for {@code CN=name} in {@code dir}. */
    static SelfSigned create(Path dir, String name) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-keyalg", "EC",
                "-groupname", "secp256r1", "-alias", name, "-dname", "CN=" + name, "-validity", "30",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD, "-noprompt"))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool failed: " + Files.readString(dir.resolve(name + ".log")));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return new SelfSigned((PrivateKey) keys.getKey(name, PASSWORD.toCharArray()),
                (X509Certificate) keys.getCertificate(name));
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
