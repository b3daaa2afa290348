package dev.txrx.common.protocol;

import java.nio.charset.StandardCharsets;

/** The peer's first bytes are not a txrx HELLO: it speaks another protocol, or none. */
public final class ForeignPeerException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    /** A TLS record's first bytes: content type handshake (22), major version 3. */
    private static final byte TLS_HANDSHAKE = 0x16;
    private static final byte TLS_MAJOR_VERSION = 0x03;

    private final boolean tls;

    public ForeignPeerException(byte[] firstBytes, int count) {
        super(describe(firstBytes, count));
        this.tls = count >= 2 && firstBytes[0] == TLS_HANDSHAKE && firstBytes[1] == TLS_MAJOR_VERSION;
    }

    /** True when the first bytes look like a TLS handshake: a txrx peer that speaks TLS, met in clear. */
    public boolean tls() {
        return tls;
    }

    private static String describe(byte[] bytes, int count) {
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int b = bytes[i] & 0xff;
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(String.format("%02x", b));
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        String guess = "";
        String ascii = new String(bytes, 0, count, StandardCharsets.ISO_8859_1);
        if (ascii.matches("(?s)^(GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT) .*")) {
            guess = ", looks like an HTTP request";
        } else if (count >= 2 && bytes[0] == TLS_HANDSHAKE && bytes[1] == TLS_MAJOR_VERSION) {
            guess = ", looks like a TLS handshake";
        } else if (ascii.startsWith("SSH-")) {
            guess = ", looks like SSH";
        }
        return "peer does not speak txrx: first bytes " + hex + " (\"" + text + "\")" + guess;
    }
}
