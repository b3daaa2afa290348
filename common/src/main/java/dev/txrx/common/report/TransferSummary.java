package dev.txrx.common.report;

import dev.txrx.common.text.ByteSizes;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The totals one side prints at the end of a session. Both apps print it in the same shape so
 * the two lines can be compared by eye or by {@code diff}.
 *
 * @param verb    {@code "sent"} or {@code "received"}
 * @param digest  the session digest (SHA-256)
 */
public record TransferSummary(String verb, long files, long bytes, Duration elapsed, byte[] digest) {

    public TransferSummary {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** The digest as lowercase hex. */
    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    /** Average throughput in bytes per second over the elapsed time. */
    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytes / seconds;
    }

    /** The one-line human form, e.g. {@code sent 100 files, 52734521 bytes (50.3 MiB) in 51.23 s (1.03 MiB/s), digest 9f86...}. */
    public String line() {
        return String.format(Locale.ROOT, "%s %d files, %d bytes (%s) in %.2f s (%s), digest %s",
                verb, files, bytes, ByteSizes.format(bytes), elapsed.toNanos() / 1e9,
                ByteSizes.formatRate(bytesPerSecond()), digestHex());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferSummary s && verb.equals(s.verb) && files == s.files && bytes == s.bytes
                && elapsed.equals(s.elapsed) && java.util.Arrays.equals(digest, s.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(verb, files, bytes, elapsed) * 31 + java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return line();
    }
}
