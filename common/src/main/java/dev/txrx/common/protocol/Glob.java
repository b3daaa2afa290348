package dev.txrx.common.protocol;

import java.util.regex.Pattern;

/**
 * An exclude pattern of REQUEST (version 3), as {@code docs/PROTOCOL.md} defines it: {@code *}
 * any run of characters but {@code /}, {@code **} any run at all, {@code ?} one character but
 * {@code /}, {@code [...]} one character of a set ({@code a-z} ranges, {@code !} or {@code ^}
 * first to negate), {@code \} before a character to take it as it is. A pattern without
 * {@code /} is matched against each segment of a name, one with {@code /} against the leading
 * segments; either way an entry is left out when it or a directory above it matches
 * ({@link #excludes}).
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;
    private final boolean anySegment;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
        this.anySegment = pattern.indexOf('/') < 0;
    }

    /**
     * The glob of {@code pattern}.
     *
     * @throws IllegalArgumentException if it is empty, has an unclosed {@code [} or ends in {@code \}
     */
    public static Glob of(String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("the pattern is empty");
        }
        return new Glob(pattern, Pattern.compile(translate(pattern), Pattern.DOTALL));
    }

    /** The pattern as given. */
    public String pattern() {
        return pattern;
    }

    /**
     * True when {@code name}, an entry name with {@code /} separators, is left out: the pattern
     * matches it or one of the directories above it (its leading segments), or, for a pattern
     * without {@code /}, any one of its segments.
     */
    public boolean excludes(String name) {
        int from = 0;
        while (true) {
            int slash = name.indexOf('/', from);
            int end = slash < 0 ? name.length() : slash;
            String candidate = anySegment ? name.substring(from, end) : name.substring(0, end);
            if (regex.matcher(candidate).matches()) {
                return true;
            }
            if (slash < 0) {
                return false;
            }
            from = slash + 1;
        }
    }

    /** True when any of {@code globs} leaves {@code name} out. */
    public static boolean anyExcludes(Iterable<Glob> globs, String name) {
        for (Glob glob : globs) {
            if (glob.excludes(name)) {
                return true;
            }
        }
        return false;
    }

    private static String translate(String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '*' -> {
                    if (i < pattern.length() && pattern.charAt(i) == '*') {
                        i++;
                        out.append(".*");
                    } else {
                        out.append("[^/]*");
                    }
                }
                case '?' -> out.append("[^/]");
                case '\\' -> {
                    if (i >= pattern.length()) {
                        throw new IllegalArgumentException("the pattern ends with a lone \\");
                    }
                    int next = pattern.codePointAt(i);
                    i += Character.charCount(next);
                    out.append(Pattern.quote(new String(Character.toChars(next))));
                }
                case '[' -> i = set(pattern, i, out);
                default -> out.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
        return out.toString();
    }

    /** Translates the set that starts after the {@code [} at {@code i - 1}; returns the index after its {@code ]}. */
    private static int set(String pattern, int i, StringBuilder out) {
        StringBuilder set = new StringBuilder("[");
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            set.append('^');
            i++;
        }
        boolean first = true;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            if (c == ']' && !first) {
                out.append(set).append("&&[^/]]");
                return i + 1;
            }
            first = false;
            i += Character.charCount(c);
            if (c == '\\') {
                if (i >= pattern.length()) {
                    break;
                }
                c = pattern.codePointAt(i);
                i += Character.charCount(c);
            }
            set.append(escapeInSet(c));
            if (i + 1 < pattern.length() && pattern.charAt(i) == '-' && pattern.charAt(i + 1) != ']') {
                int high = pattern.codePointAt(i + 1);
                i += 1 + Character.charCount(high);
                if (high < c) {
                    throw new IllegalArgumentException("the range " + new String(Character.toChars(c)) + "-"
                            + new String(Character.toChars(high)) + " runs backwards");
                }
                set.append('-').append(escapeInSet(high));
            }
        }
        throw new IllegalArgumentException("a [ is not closed");
    }

    private static String escapeInSet(int c) {
        return String.format("\\x{%x}", c);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
