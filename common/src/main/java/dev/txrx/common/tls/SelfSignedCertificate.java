package dev.txrx.common.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A new identity's key pair and certificate. The JDK makes the key and the signature; Bouncy
 * Castle only lays out the certificate's fields, which the JDK has no public API for. Its provider
 * is never registered, so every other use of the JCA in the process stays the JDK's.
 */
final class SelfSignedCertificate {

    /** Subject and issuer: the certificate says nothing about its owner; the fingerprint is the identity. */
    static final String NAME = "CN=txrx";
    /** The curve of the key: P-256, which every TLS 1.3 implementation must support (RFC 8446 9.1). */
    static final String CURVE = "secp256r1";
    static final String SIGNATURE = "SHA256withECDSA";
    static final int SERIAL_BITS = 128;
    static final int VALIDITY_YEARS = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificate() {
    }

    /** A fresh EC key pair on {@link #CURVE}, from the JDK. */
    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("every JDK has EC keys on " + CURVE, e);
        }
    }

    /**
     * An X.509 v3 certificate for {@code keys}, signed by its own key: subject and issuer
     * {@link #NAME}, a random positive 128-bit serial, valid from a day before {@code now} (a peer
     * whose clock is behind still accepts it) for {@link #VALIDITY_YEARS} years. It may serve as
     * either end of a TLS connection, and it is no certificate authority.
     */
    static X509Certificate create(KeyPair keys, Instant now) throws IOException {
        ZonedDateTime notBefore = now.atZone(ZoneOffset.UTC).minusDays(1);
        ZonedDateTime notAfter = notBefore.plusYears(VALIDITY_YEARS);
        X500Name name = new X500Name(NAME);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(notBefore.toInstant()), Date.from(notAfter.toInstant()), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        // both purposes: the same identity listens (sender, receiver --listen) and connects
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        try {
            // no setProvider: the signature comes from the JDK's providers
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate());
            byte[] der = builder.build(signer).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate with " + SIGNATURE, e);
        }
    }

    private static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(SERIAL_BITS, RANDOM);
        } while (serial.signum() == 0); // RFC 5280 4.1.2.2: positive
        return serial;
    }
}
