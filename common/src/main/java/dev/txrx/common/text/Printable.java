package dev.txrx.common.text;

/**
 * Makes text that came from a peer safe to print or log: control characters (C0, DEL and C1,
 * which include terminal escape sequences) become {@code \xNN}, and the text is cut to a
 * readable length.
 */
public final class Printable {

    private static final int MAX_SHOWN = 300;

    private Printable() {
    }

    /** {@code text} with every control character escaped, at most about 300 characters long. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_SHOWN) {
                out.append("...");
                break;
            }
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
