package dev.txrx.common.report;

import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Rates;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The totals one side prints at the end of a session. Both apps print it in the same shape so
 * the two lines can be compared by eye or by {@code diff}. Files, bytes and digest cover the whole
 * session, over all its connections; the time and the speed are those of one connection (the
 * last), and the speed counts only the bytes that connection carried: after a resume, the bytes
 * that arrived on earlier connections, or in an earlier run, took time this one did not measure.
 *
 * @param verb    {@code "sent"} or {@code "received"}
 * @param elapsed how long the (last) connection took
 * @param digest  the session digest (SHA-256)
 * @param moved   the bytes of file content that connection carried; {@code bytes} when it carried the whole session
 */
public record TransferSummary(String verb, long files, long bytes, Duration elapsed, byte[] digest, long moved) {

    /** How many hex digits of the digest the console shows. */
    public static final int SHORT_DIGEST_HEX = 16;

    public TransferSummary {
        digest = digest.clone();
    }

    /** The totals of a session that one connection carried whole. */
    public TransferSummary(String verb, long files, long bytes, Duration elapsed, byte[] digest) {
        this(verb, files, bytes, elapsed, digest, bytes);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** The digest as lowercase hex. */
    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * The first {@value #SHORT_DIGEST_HEX} hex digits of the digest: what both apps print on the
     * console, where a glance compares the two sides (64 bits make a chance match negligible);
     * the JSON summaries and the log files carry the whole digest.
     */
    public String shortDigest() {
        return digestHex().substring(0, SHORT_DIGEST_HEX);
    }

    /** Average throughput in bytes per second: the bytes the connection carried over its elapsed time. */
    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : moved / seconds;
    }

    /**
     * The one-line human form, e.g. {@code sent 100 files, 52734521 bytes (50.3 MiB) in 51.23 s (1.03 MiB/s),
     * digest 9f86...}; after a resume the speed says which bytes it counts:
     * {@code (10.6 MiB/s over the 29.9 MiB of this connection)}.
     */
    public String line() {
        return line(false);
    }

    /**
     * The one-line human form; with {@code bits} the speed also in bits per second, as iperf3
     * prints it, for runs that measure the network rather than move files (memory to memory):
     * {@code (4.37 MiB/s, 36.7 Mbit/s)}.
     */
    public String line(boolean bits) {
        // a session whose files were all up to date or held moved nothing: no speed to speak of
        String rate = moved == 0 && bytes > 0 ? "no file content over this connection"
                : ByteSizes.formatRate(bytesPerSecond())
                + (bits ? ", " + Rates.formatBits(bytesPerSecond()) : "")
                + (moved == bytes ? "" : " over the " + ByteSizes.format(moved) + " of this connection");
        return String.format(Locale.ROOT, "%s %s, %s (%s) in %.2f s (%s), digest %s",
                verb, Counts.of(files, "file"), Counts.of(bytes, "byte"), ByteSizes.format(bytes),
                elapsed.toNanos() / 1e9, rate, shortDigest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferSummary s && verb.equals(s.verb) && files == s.files && bytes == s.bytes
                && elapsed.equals(s.elapsed) && java.util.Arrays.equals(digest, s.digest) && moved == s.moved;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(verb, files, bytes, elapsed, moved) * 31 + java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return line();
    }
}
