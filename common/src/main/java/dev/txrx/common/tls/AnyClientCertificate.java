package dev.txrx.common.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The listening side's trust: any one self-signed certificate. Whom the certificate belongs to
 * is decided after the handshake, by the caller (its fingerprint, or the token the peer shows);
 * here the handshake only makes sure there is one, that it signed itself, and (by TLS's
 * CertificateVerify) that the peer holds its key. No issuers are named in the CertificateRequest.
 */
final class AnyClientCertificate extends SelfSignedTrust {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length != 1) {
            throw new CertificateException("the peer presented " + (chain == null ? 0 : chain.length)
                    + " certificates; a txrx identity is one self-signed certificate");
        }
        try {
            chain[0].verify(chain[0].getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the peer's certificate is not self-signed: " + e.getMessage(), e);
        }
    }
}
