package dev.txrx.common.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The identity of a peer: the SHA-256 of its certificate's DER encoding, nothing else, so that
 * any implementation computes it from the certificate bytes alone (it is what
 * {@code openssl x509 -noout -fingerprint -sha256} prints, in another layout).
 *
 * <p>{@link #toString()} prints 16 groups of 4 lowercase hex digits joined by {@code -}, easy to
 * read aloud; {@link #hex()} is the 64 digits without separators, as stored in files and tickets.
 */
public final class Fingerprint {

    /** SHA-256 is 32 bytes. */
    static final int LENGTH = 32;
    /** Two hex digits per byte. */
    static final int HEX_DIGITS = LENGTH * 2;
    /** Digits per group in {@link #toString()}. */
    private static final int GROUP = 4;
    private static final HexFormat HEX = HexFormat.of();
    /** What openssl puts before the digits; accepted so that its whole line can be pasted. */
    static final String OPENSSL_PREFIX = "sha256 fingerprint=";
    private static final String LOOKS_LIKE = "a fingerprint is 64 hex digits (the SHA-256 of the certificate),"
            + " optionally separated by '-', ':' or spaces, such as"
            + " 9f86-d081-884c-7d65-9a2f-eaa0-c55a-d015-a3bf-4f1b-2b0b-822c-d15d-6c15-b0f0-0a08";

    private final String hex;

    private Fingerprint(String hex) {
        this.hex = hex;
    }

    /** The fingerprint of {@code certificate}. */
    public static Fingerprint of(X509Certificate certificate) {
        try {
            return ofDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            // a certificate the JDK parsed or built always has its encoding
            throw new IllegalStateException("a certificate without a DER encoding", e);
        }
    }

    /** The fingerprint of the certificate whose DER encoding is {@code der}. */
    public static Fingerprint ofDer(byte[] der) {
        try {
            return new Fingerprint(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Reads a fingerprint as a person may type or paste it: 64 hex digits in either case, with
     * {@code -}, {@code :} or spaces between digits, so that this class's own {@link #toString()},
     * {@link #hex()} and openssl's {@code AB:CD:...} (with or without its
     * {@code sha256 Fingerprint=} prefix) are all accepted.
     *
     * @throws IllegalArgumentException with a one-line message saying what a fingerprint looks like
     */
    public static Fingerprint parse(String text) {
        String s = text.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith(OPENSSL_PREFIX)) {
            s = s.substring(OPENSSL_PREFIX.length());
        }
        StringBuilder digits = new StringBuilder(HEX_DIGITS);
        boolean afterDigit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 0x80) {
                digits.append(Character.toLowerCase(c));
                afterDigit = true;
            } else if ((c == '-' || c == ':' || c == ' ') && afterDigit && i + 1 < s.length()) {
                // a separator stands between digits: never first or last, never two in a row
                afterDigit = false;
            } else {
                // the input is not quoted: a user may have pasted a secret into the wrong option
                throw new IllegalArgumentException("not a fingerprint (it has a character that is neither"
                        + " a hex digit nor one separator between two digits): " + LOOKS_LIKE);
            }
        }
        if (digits.length() != HEX_DIGITS || !afterDigit) {
            throw new IllegalArgumentException(
                    "not a fingerprint (it has " + digits.length() + " hex digits): " + LOOKS_LIKE);
        }
        return new Fingerprint(digits.toString());
    }

    /** The 64 lowercase hex digits, without separators: the form kept in files and tickets. */
    public String hex() {
        return hex;
    }

    /** The 32 bytes of the digest. */
    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint other && hex.equals(other.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** 16 groups of 4 lowercase hex digits joined by {@code -}: {@code 9f86-d081-884c-...-0a08}. */
    @Override
    public String toString() {
        StringBuilder grouped = new StringBuilder(HEX_DIGITS + HEX_DIGITS / GROUP);
        for (int i = 0; i < HEX_DIGITS; i += GROUP) {
            if (i > 0) {
                grouped.append('-');
            }
            grouped.append(hex, i, i + GROUP);
        }
        return grouped.toString();
    }
}
