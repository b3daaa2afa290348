package dev.txrx.common.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The charset this JVM encodes and decodes file names in. Java takes it from the locale at start
 * ({@code sun.jnu.encoding}) and a running program cannot change it: under {@code LANG=C}, or no
 * locale at all, it is ASCII, and a name such as {@code résumé.txt} can then be neither read
 * from a directory (its bytes decode to U+FFFD) nor given to the file system (an
 * {@code InvalidPathException}). The launchers start Java under a UTF-8 locale; this class makes
 * the bare jar say so in one line rather than mangle the name or fail with Java's words.
 */
public final class FileNameCharset {

    /** What a name undecodable in the locale's charset holds in place of each byte it could not read. */
    private static final char REPLACEMENT = '\uFFFD';

    private FileNameCharset() {
    }

    /** The charset of file names, as the JVM took it from the locale. */
    public static Charset current() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * Whether {@code name}, read from a directory, lost bytes the locale's charset cannot
     * decode. Under a UTF-8 locale nothing is reported: a name that is not UTF-8 there is not a
     * matter of the locale.
     */
    public static boolean lostInDecoding(String name) {
        return name.indexOf(REPLACEMENT) >= 0 && !StandardCharsets.UTF_8.equals(current());
    }

    /**
     * Why a name cannot be read or written here, with the fix, for a message that names it:
     * {@code the locale's charset (US-ASCII) cannot represent this name; run with a UTF-8 locale,
     * e.g. LC_ALL=C.UTF-8}.
     */
    public static String problem() {
        return "the locale's charset (" + current().name() + ") cannot represent this name; run with a UTF-8 locale,"
                + " e.g. LC_ALL=C.UTF-8";
    }
}
