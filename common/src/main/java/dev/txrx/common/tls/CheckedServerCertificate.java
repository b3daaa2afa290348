package dev.txrx.common.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The connecting side's trust in one connection: the listening side's certificate is accepted
 * exactly when {@link ServerCheck} accepts it for {@code host:port}. No host name is verified and
 * no CA path is built: identities are self-signed, and the pin or the {@code known_hosts} entry
 * is the authentication. Being an {@link X509ExtendedTrustManager} keeps SunJSSE from adding
 * checks of its own around it.
 */
final class CheckedServerCertificate extends SelfSignedTrust {

    private final String host;
    private final int port;
    private final ServerCheck check;

    CheckedServerCertificate(String host, int port, ServerCheck check) {
        this.host = host;
        this.port = port;
        this.check = check;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer presented no certificate");
        }
        try {
            check.check(host, port, chain[0]);
        } catch (UntrustedPeerException e) {
            // the engine wants a CertificateException; TlsChannel finds the cause again for the caller
            throw new CertificateException(e.getMessage(), e);
        }
    }
}
