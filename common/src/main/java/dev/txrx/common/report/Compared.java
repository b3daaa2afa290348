package dev.txrx.common.report;

import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Counts;

/**
 * How a session compared the copies the receiver already held (protocol version 3): how many it
 * compared, how many of the session's files were up to date and not sent, and how many were sent.
 * Both apps report it in the same words.
 *
 * @param copies        the COPY frames the receiver sent
 * @param upToDate      files not sent, since the receiver's copy was the same (UP_TO_DATE)
 * @param upToDateBytes their bytes
 * @param sent          the session's other files, which travelled (on this connection or an earlier one)
 * @param sentBytes     their bytes
 */
public record Compared(long copies, long upToDate, long upToDateBytes, long sent, long sentBytes) {

    /** A session that compared nothing: the receiver sent no COPY. */
    public static final Compared NONE = new Compared(0, 0, 0, 0, 0);

    /**
     * The comparison of a session of {@code files} files of {@code bytes} bytes in all, of which
     * {@code upToDate} of {@code upToDateBytes} were up to date, after {@code copies} COPY frames.
     */
    public static Compared of(long copies, long upToDate, long upToDateBytes, long files, long bytes) {
        return new Compared(copies, upToDate, upToDateBytes, files - upToDate, bytes - upToDateBytes);
    }

    /** True when there was something to compare: a summary says how it went only then. */
    public boolean any() {
        return copies > 0 || upToDate > 0;
    }

    /**
     * The human form: {@code compared 3 copies: 2 files up to date, 1 sent (12 bytes)}, the
     * bytes also in binary units from 1 KiB on.
     */
    public String line() {
        String bytes = Counts.of(sentBytes, "byte") + (sentBytes >= 1024 ? ", " + ByteSizes.format(sentBytes) : "");
        return "compared " + Counts.of(copies, "copy", "copies") + ": " + Counts.of(upToDate, "file") + " up to date, "
                + sent + " sent (" + bytes + ")";
    }
}
