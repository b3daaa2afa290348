package dev.txrx.common.tls;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The PEM text form of RFC 7468: {@code -----BEGIN LABEL-----}, the DER bytes in base64 on lines of
 * 64 characters, {@code -----END LABEL-----}. What openssl and every TLS tool read.
 */
final class Pem {

    /** The label of a PKCS#8 private key that is not encrypted. */
    static final String PRIVATE_KEY = "PRIVATE KEY";
    /** The label of an X.509 certificate. */
    static final String CERTIFICATE = "CERTIFICATE";

    private static final int LINE = 64;

    private Pem() {
    }

    /** {@code der} as PEM text with {@code label}, ending with a line break. */
    static byte[] encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(LINE, new byte[] {'\n'}).encodeToString(der);
        String text = begin(label) + "\n" + body + "\n" + end(label) + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The DER bytes of the first block labelled {@code label} in {@code text}; text before and after
     * it (openssl's "Bag Attributes", say) is ignored.
     *
     * @throws IllegalArgumentException if there is no such block or its base64 is broken
     */
    static byte[] decode(String label, String text) {
        int begin = text.indexOf(begin(label));
        int end = begin < 0 ? -1 : text.indexOf(end(label), begin);
        if (end < 0) {
            throw new IllegalArgumentException("there is no " + begin(label) + " block");
        }
        String body = text.substring(begin + begin(label).length(), end).replaceAll("\\s", "");
        try {
            // the basic decoder, not the MIME one, which would skip stray characters silently
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + label + " block is not valid base64", e);
        }
    }

    private static String begin(String label) {
        return "-----BEGIN " + label + "-----";
    }

    private static String end(String label) {
        return "-----END " + label + "-----";
    }
}
