package dev.txrx.common.tls;

import java.nio.channels.ByteChannel;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 with one identity, for both sides of a connection: the JDK's SunJSSE, nothing of our
 * own but the trust decisions. The listening side requires a client certificate and accepts any
 * self-signed one ({@link #accept}); the connecting side always presents ours and accepts the
 * listening side's when a {@link ServerCheck} does ({@link #connect}).
 *
 * <p>Thread-safe: one instance serves every connection of a process.
 */
public final class Tls {

    /** The only protocol either side speaks. */
    public static final String PROTOCOL = "TLSv1.3";

    /**
     * The suites both sides offer, in the listening side's order of preference: AES-128-GCM first,
     * the fastest where the processor has AES instructions, then AES-256-GCM, then ChaCha20-Poly1305.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private static final String PROVIDER = "SunJSSE";
    /** One second more than the 7 days TLS 1.3 allows a ticket to live (RFC 8446, 4.6.1). */
    private static final int NO_TICKETS_TIMEOUT = 7 * 24 * 60 * 60 + 1;

    private final KeyManager[] keyManagers;
    private final SSLContext listening;

    private Tls(KeyManager[] keyManagers, SSLContext listening) {
        this.keyManagers = keyManagers;
        this.listening = listening;
    }

    /**
     * TLS presenting {@code certificate}, whose private key is {@code key}.
     *
     * @throws IllegalArgumentException if the JDK cannot use the pair for TLS
     */
    public static Tls of(PrivateKey key, X509Certificate certificate) {
        try {
            KeyManager[] keyManagers = {new OneKey(key, certificate)};
            SSLContext listening = context(keyManagers, new AnyClientCertificate());
            // Sessions are never resumed (the connecting side offers none), so a ticket would be
            // of no use; and one left unread when the peer closes makes its kernel reset the
            // connection, which can cost us the last data it sent. SunJSSE sends no ticket when
            // sessions outlive the longest ticket lifetime TLS 1.3 allows (7 days).
            listening.getServerSessionContext().setSessionTimeout(NO_TICKETS_TIMEOUT);
            return new Tls(keyManagers, listening);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key and certificate cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The listening side of a connection over {@code raw}: it requires the peer's certificate and
     * accepts any single self-signed one; authorization is the caller's, after the handshake.
     * Call {@link TlsChannel#handshake()} next.
     */
    public TlsChannel accept(ByteChannel raw) {
        SSLEngine engine = listening.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = parameters(engine);
        parameters.setNeedClientAuth(true);
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
        return new TlsChannel(raw, engine, true);
    }

    /**
     * The connecting side of a connection over {@code raw} to {@code host:port}, which the
     * handshake accepts only if {@code check} accepts its certificate. Our certificate is always
     * presented. Call {@link TlsChannel#handshake()} next.
     */
    public TlsChannel connect(ByteChannel raw, String host, int port, ServerCheck check) {
        SSLContext context;
        try {
            // a context of its own: the trust manager knows the address and the check, and a
            // session is never resumed, so that every connection's certificate meets the check
            context = context(keyManagers, new CheckedServerCertificate(host, port, check));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS 1.3 is not available: " + e.getMessage(), e);
        }
        // no peer host given to the engine: no SNI, no session cache, no host name check
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters(engine));
        return new TlsChannel(raw, engine, false);
    }

    private static SSLContext context(KeyManager[] keyManagers, TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance(PROTOCOL, PROVIDER);
        context.init(keyManagers, new TrustManager[] {trust}, null);
        return context;
    }

    /** The engine's defaults, narrowed to TLS 1.3 and our suites. */
    private static SSLParameters parameters(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(new String[] {PROTOCOL});
        parameters.setCipherSuites(CIPHER_SUITES.toArray(String[]::new));
        return parameters;
    }
}
