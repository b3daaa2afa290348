package dev.txrx.common.protocol;

import java.nio.charset.StandardCharsets;

/** The peer's first bytes are not a txrx HELLO: it speaks another protocol, or none. */
public final class ForeignPeerException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public ForeignPeerException(byte[] firstBytes, int count) {
        super(describe(firstBytes, count));
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
        } else if (ascii.startsWith("\u0016\u0003")) {
            guess = ", looks like a TLS handshake";
        } else if (ascii.startsWith("SSH-")) {
            guess = ", looks like SSH";
        }
        return "peer does not speak txrx: first bytes " + hex + " (\"" + text + "\")" + guess;
    }
}
