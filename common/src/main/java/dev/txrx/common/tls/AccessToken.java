package dev.txrx.common.tls;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret that the connecting side presents to a listening side that requires one: random
 * and generated for each run, or read from a file. It travels only inside TLS, after the
 * listening side's identity has been checked. {@link #toString()} never shows it.
 *
 * <p>A token is 16 to 255 characters of {@code A-Z a-z 0-9 . _ ~ -} (the unreserved characters
 * of URIs, so it survives a ticket, a shell and a URL); on the wire it is those characters in
 * ASCII. A generated token is 128 random bits as 32 lowercase hex digits.
 */
public final class AccessToken {

    /** The fewest characters of a token; a generated one has 32. */
    public static final int MIN_LENGTH = 16;
    /** The most characters of a token. */
    public static final int MAX_LENGTH = 255;
    /** Random bytes in a generated token: 128 bits. */
    static final int GENERATED_BYTES = 16;
    /** What a token looks like, for messages. */
    private static final String LOOKS_LIKE = "an access token is " + MIN_LENGTH + " to " + MAX_LENGTH
            + " characters among letters, digits and . _ ~ -";
    /** A token file larger than this is not a token file. */
    private static final int MAX_FILE_BYTES = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    /** A new token: 128 bits from {@link SecureRandom}, as 32 lowercase hex digits. */
    public static AccessToken generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return new AccessToken(HexFormat.of().formatHex(bytes));
    }

    /**
     * {@code text} as a token, exactly as given (no trimming).
     *
     * @throws IllegalArgumentException one line saying what a token looks like; it never quotes
     *                                  {@code text}, which may be a secret
     */
    public static AccessToken parse(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException("not an access token (" + problem + "): " + LOOKS_LIKE);
        }
        return new AccessToken(text);
    }

    /**
     * The token in {@code file}: its content without the surrounding white space (a line break).
     *
     * @throws IOException              naming the file when it cannot be read
     * @throws IllegalArgumentException naming the file when it holds no token; the content is
     *                                  never quoted
     */
    public static AccessToken read(Path file) throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new IOException("cannot read the token file " + file + ": " + Reasons.withoutPath(e), e);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + " does not hold an access token (it is larger than "
                    + MAX_FILE_BYTES + " bytes): " + LOOKS_LIKE);
        }
        // ISO-8859-1 maps every byte to a character, and anything beyond ASCII is refused below
        String text = new String(content, StandardCharsets.ISO_8859_1).strip();
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(file + " does not hold an access token (" + problem + "): " + LOOKS_LIKE);
        }
        return new AccessToken(text);
    }

    /** Why {@code text} is not a token, or null when it is one. */
    private static String problem(String text) {
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            return "it has " + text.length() + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            if (!allowed(text.charAt(i))) {
                return "it has a character that is not allowed";
            }
        }
        return null;
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '~' || c == '-';
    }

    /** The token as sent on the wire: its characters in ASCII. */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** The token's text, for the ticket and for the file of {@link #writeTo} only: never for a log. */
    public String reveal() {
        return value;
    }

    /**
     * True when {@code presented} is this token's bytes. The time taken does not depend on where
     * the bytes differ, so a peer cannot guess the token byte by byte.
     */
    public boolean matches(byte[] presented) {
        return presented != null && MessageDigest.isEqual(bytes(), presented);
    }

    /**
     * Writes the token and a line break to {@code file}, a new file with mode 0600 (for a user who
     * wants to keep a generated token for {@code --token-file}).
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists: a token is never
     *                                                  overwritten
     */
    public void writeTo(Path file) throws IOException {
        OwnerOnlyFiles.writeNew(file, (value + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Equal when the tokens are; compared in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AccessToken other && matches(other.bytes());
    }

    /** The length only, so that a hash code tells nothing of the secret. */
    @Override
    public int hashCode() {
        return value.length();
    }

    /** {@code AccessToken[hidden]}: never the token. */
    @Override
    public String toString() {
        return "AccessToken[hidden]";
    }
}
