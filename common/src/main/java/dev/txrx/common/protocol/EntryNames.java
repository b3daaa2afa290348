package dev.txrx.common.protocol;

import dev.txrx.common.text.Printable;
import java.util.Comparator;

/**
 * Checks entry names from the wire, which are untrusted. A valid name is a relative path of one
 * or more segments separated by {@code /}: no leading {@code /}, no empty, {@code .} or
 * {@code ..} segment, no backslash, no NUL or other control character, at most
 * {@link FrameFormat#MAX_NAME_LENGTH} bytes of UTF-8 and 255 per segment.
 */
public final class EntryNames {

    private static final int MAX_SEGMENT_LENGTH = 255;

    /**
     * The order of names on the wire wherever the specification says "sorted by name": the
     * byte order of their UTF-8, bytes compared unsigned, a name before any longer name it begins.
     * That is the order of their Unicode code points, which this compares without encoding
     * anything. It is not {@link String#compareTo}, which compares UTF-16 units and so puts a
     * character beyond U+FFFF (a surrogate pair, from 0xD800) before one of U+E000 to U+FFFF.
     */
    public static final Comparator<String> UTF8_ORDER = EntryNames::compareUtf8;

    private EntryNames() {
    }

    /**
     * Returns {@code name} if it is safe to use as a relative path.
     *
     * @throws ProtocolException naming the entry and what is wrong with it
     */
    public static String requireSafe(String name) throws ProtocolException {
        String problem = problem(name);
        if (problem != null) {
            throw new ProtocolException("unsafe entry name \"" + Printable.escape(name) + "\": " + problem);
        }
        return name;
    }

    private static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** What is wrong with {@code name}, or null if it is safe. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (FrameCodec.utf8Length(name) > FrameFormat.MAX_NAME_LENGTH) {
            return "it is longer than " + FrameFormat.MAX_NAME_LENGTH + " bytes";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "it contains control character U+" + String.format("%04X", (int) c);
            }
            if (c == '\\') {
                return "it contains a backslash";
            }
        }
        if (name.startsWith("/")) {
            return "it is an absolute path";
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "it starts with a drive letter";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty path segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it has a '" + segment + "' segment";
            }
            if (FrameCodec.utf8Length(segment) > MAX_SEGMENT_LENGTH) {
                return "a path segment is longer than " + MAX_SEGMENT_LENGTH + " bytes";
            }
        }
        return null;
    }
}
