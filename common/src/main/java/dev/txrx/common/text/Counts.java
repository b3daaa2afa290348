package dev.txrx.common.text;

/**
 * A count and its noun as a person writes them: {@code 1 file}, {@code 2 files}, {@code 0 files},
 * {@code 1 directory}, {@code 3 directories}. Every count that is printed goes through here, so
 * that no line says "1 files".
 */
public final class Counts {

    private Counts() {
    }

    /**
     * {@code count} and {@code noun}, the noun in the plural unless the count is 1. The plural is
     * the noun with {@code s}, or with {@code ies} for a {@code y} after a consonant
     * ({@code entry}, {@code directory}); {@link #of(long, String, String)} takes any other.
     */
    public static String of(long count, String noun) {
        return of(count, noun, plural(noun));
    }

    /** {@code count} and {@code singular} when the count is 1, {@code plural} otherwise. */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** The regular plural of {@code noun}. */
    static String plural(String noun) {
        int last = noun.length() - 1;
        if (last > 0 && noun.charAt(last) == 'y' && "aeiou".indexOf(noun.charAt(last - 1)) < 0) {
            return noun.substring(0, last) + "ies";
        }
        return noun + "s";
    }
}
