package dev.txrx.common.tls;

import dev.txrx.common.text.Reasons;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Map;

/**
 * A user's long-term identity: a key pair and a self-signed certificate, kept in a directory
 * ({@code $XDG_CONFIG_HOME/txrx} by default) as {@code identity.key} (PKCS#8 PEM) and
 * {@code identity.crt} (PEM), both readable by their owner only. Made on first use; peers know
 * it by its {@link Fingerprint}.
 */
public final class Identity {

    /** The private key's file in the directory. */
    public static final String KEY_FILE = "identity.key";
    /** The certificate's file in the directory. */
    public static final String CERTIFICATE_FILE = "identity.crt";
    /** Held while the files are checked or made, so that two processes starting at once make one identity. */
    static final String LOCK_FILE = ".lock";

    private final Path directory;
    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final Fingerprint fingerprint;
    private final boolean created;

    private Identity(Path directory, PrivateKey privateKey, X509Certificate certificate, boolean created) {
        this.directory = directory;
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.fingerprint = Fingerprint.of(certificate);
        this.created = created;
    }

    /**
     * Where identities live unless the user chooses: {@code $XDG_CONFIG_HOME/txrx} when that is set
     * to an absolute path (the XDG rule), otherwise {@code $HOME/.config/txrx}.
     *
     * @param env the environment, {@code System.getenv()} in the apps
     * @throws IllegalStateException naming the variables when neither gives a directory
     */
    public static Path defaultDirectory(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "txrx");
        }
        String home = env.get("HOME");
        if (home != null && !home.isEmpty()) {
            return Path.of(home, ".config", "txrx");
        }
        throw new IllegalStateException("cannot tell where to keep the identity: neither XDG_CONFIG_HOME"
                + " (an absolute path) nor HOME is set; choose a directory with --identity DIR");
    }

    /**
     * The identity in {@code directory}, made there first if it has none (the directory with mode
     * 0700, the files with 0600). Safe when several processes or threads start at once with the
     * same directory: one makes it, the others load it.
     *
     * @throws IOException one line naming the file: a key file that others can read, a file that
     *                     cannot be read or is not what it should be, or one of the two missing
     */
    public static Identity loadOrCreate(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath();
        try {
            OwnerOnlyFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the identity directory " + dir + ": " + Reasons.withoutPath(e), e);
        }
        return OwnerOnlyFiles.locked(dir.resolve(LOCK_FILE), lock -> {
            Path key = dir.resolve(KEY_FILE);
            Path crt = dir.resolve(CERTIFICATE_FILE);
            boolean hasKey = Files.exists(key);
            if (hasKey != Files.exists(crt)) {
                Path present = hasKey ? key : crt;
                Path missing = hasKey ? crt : key;
                throw new IOException(missing + " is missing, though " + present + " is there: restore it,"
                        + " or remove " + present + " to make a new identity (peers that know the old one will refuse it)");
            }
            if (hasKey) {
                return load(dir, key, crt);
            }
            return create(dir, key, crt);
        });
    }

    private static Identity create(Path dir, Path key, Path crt) throws IOException {
        KeyPair keys = SelfSignedCertificate.newKeyPair();
        X509Certificate certificate = SelfSignedCertificate.create(keys, Instant.now());
        try {
            // the key first: a certificate without its key cannot be used, and is reported as such
            OwnerOnlyFiles.writeAtomically(key, Pem.encode(Pem.PRIVATE_KEY, keys.getPrivate().getEncoded()));
            OwnerOnlyFiles.writeAtomically(crt, Pem.encode(Pem.CERTIFICATE, certificate.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot create the identity in " + dir + ": " + Reasons.withoutPath(e), e);
        }
        return new Identity(dir, keys.getPrivate(), certificate, true);
    }

    private static Identity load(Path dir, Path key, Path crt) throws IOException {
        OwnerOnlyFiles.requireOwnerOnly(key, "a private key");
        X509Certificate certificate;
        try {
            byte[] der = Pem.decode(Pem.CERTIFICATE, read(crt));
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw corrupt(crt, "a certificate in PEM form (-----BEGIN CERTIFICATE-----)", e);
        }
        if (!"EC".equals(certificate.getPublicKey().getAlgorithm())) {
            throw corrupt(crt, "a certificate for an EC key", null);
        }
        PrivateKey privateKey;
        try {
            byte[] der = Pem.decode(Pem.PRIVATE_KEY, read(key));
            privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw corrupt(key, "an EC private key in PKCS#8 PEM form (-----BEGIN PRIVATE KEY-----)", e);
        }
        if (!belongTogether(privateKey, certificate)) {
            throw new IOException(key + " is not the key of the certificate " + crt
                    + ": restore the pair, or remove both to make a new identity");
        }
        return new Identity(dir, privateKey, certificate, false);
    }

    private static String read(Path file) throws IOException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + Reasons.withoutPath(e), e);
        }
    }

    private static IOException corrupt(Path file, String expected, Exception cause) {
        return new IOException(file + " is damaged: it does not hold " + expected
                + "; restore it, or remove " + KEY_FILE + " and " + CERTIFICATE_FILE
                + " to make a new identity (peers that know the old one will refuse it)", cause);
    }

    /** True when {@code key} signs what the certificate's public key verifies. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        byte[] probe = "txrx identity check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(SelfSignedCertificate.SIGNATURE);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SelfSignedCertificate.SIGNATURE);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** True when this call made the identity (the apps say so), false when it was there already. */
    public boolean created() {
        return created;
    }

    /** The directory the identity lives in, as an absolute path. */
    public Path directory() {
        return directory;
    }

    /** The private key: for the TLS layer only, never to be printed. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The self-signed certificate this side presents. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The SHA-256 of {@link #certificate()}: how peers know this side. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The directory and the fingerprint; never the key. */
    @Override
    public String toString() {
        return "Identity[" + directory + ", " + fingerprint + (created ? ", created" : "") + "]";
    }
}
