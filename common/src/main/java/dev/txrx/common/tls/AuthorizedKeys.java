package dev.txrx.common.tls;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The connecting peers a listening side accepts without a token ({@code --authorized-keys}): a
 * file of fingerprints, one a line, in any form {@link Fingerprint#parse} reads, each optionally
 * followed by white space and a comment (whose laptop it is). Blank lines and lines starting with
 * {@code #} are ignored. Read once.
 */
public final class AuthorizedKeys {

    private final Path file;
    private final Set<Fingerprint> fingerprints;

    private AuthorizedKeys(Path file, Set<Fingerprint> fingerprints) {
        this.file = file;
        this.fingerprints = Set.copyOf(fingerprints);
    }

    /**
     * The fingerprints listed in {@code file}.
     *
     * @throws IOException one line naming the file, and the line number of a line that is not a
     *                     fingerprint
     */
    public static AuthorizedKeys read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read the authorized keys " + file + ": " + Reasons.withoutPath(e), e);
        }
        Set<Fingerprint> fingerprints = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                fingerprints.add(Fingerprint.parse(withoutComment(line)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new AuthorizedKeys(file, fingerprints);
    }

    /**
     * The fingerprint part of {@code line}: through its 64th hex digit, when white space or nothing
     * follows; a fingerprint may hold spaces itself, so the comment starts only after the digits.
     * Otherwise the whole line, for {@link Fingerprint#parse} to refuse.
     */
    private static String withoutComment(String line) {
        int digits = 0;
        boolean openssl = line.toLowerCase(Locale.ROOT).startsWith(Fingerprint.OPENSSL_PREFIX);
        for (int i = openssl ? Fingerprint.OPENSSL_PREFIX.length() : 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 0x80) {
                digits++;
                if (digits == Fingerprint.HEX_DIGITS) {
                    boolean commentFollows = i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1));
                    return commentFollows ? line.substring(0, i + 1) : line;
                }
            } else if (c != '-' && c != ':' && c != ' ') {
                return line;
            }
        }
        return line;
    }

    /** True when {@code fingerprint} is listed. */
    public boolean contains(Fingerprint fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    /** How many different fingerprints are listed. */
    public int size() {
        return fingerprints.size();
    }

    /** The file they were read from. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "AuthorizedKeys[" + file + ", " + fingerprints.size() + "]";
    }
}
