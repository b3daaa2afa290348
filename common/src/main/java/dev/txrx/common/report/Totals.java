package dev.txrx.common.report;

/**
 * A session's totals as the sending side knows them when it starts: how many files and how many
 * bytes, each {@link #UNKNOWN} when it does not know (generated files know their count, not their
 * bytes). They are for showing progress only; the session's end gives the totals that count.
 *
 * @param files the session's files, or {@link #UNKNOWN}
 * @param bytes the bytes of the session's files, or {@link #UNKNOWN}
 */
public record Totals(long files, long bytes) {

    /** A total that is not known. */
    public static final long UNKNOWN = -1;
    /** Neither total known. */
    public static final Totals NONE = new Totals(UNKNOWN, UNKNOWN);

    public Totals {
        if (files < UNKNOWN || bytes < UNKNOWN) {
            throw new IllegalArgumentException("a total is a count, or UNKNOWN: " + files + ", " + bytes);
        }
    }

    /** True when the number of files is known. */
    public boolean knowsFiles() {
        return files != UNKNOWN;
    }

    /** True when the number of bytes is known. */
    public boolean knowsBytes() {
        return bytes != UNKNOWN;
    }
}
