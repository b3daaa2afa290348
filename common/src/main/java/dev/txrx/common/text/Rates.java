package dev.txrx.common.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints rates as a person types them, in bytes as the sizes are ({@code 500K},
 * {@code 10M}, {@code 1G}, binary) or in bits as iperf3 users write them ({@code 100Mbit},
 * {@code 1Gbps}, decimal). The grammar, case-insensitive:
 *
 * <pre>
 * RATE  = NUMBER [PREFIX] [BYTES | BITS] ["/s"]       (no "/s" after "bps")
 * BYTES = "B" | "iB"          1024-based: K = 1024 bytes, M = 1024 K, ...
 * BITS  = "bit" | "bits" | "bps"    1000-based: k = 1000 bits, M = 1000 k, ...; 8 bits a byte
 * </pre>
 *
 * A bare {@code b} means bytes, as in the sizes ({@code 64kb} is 64 KiB): only the spelled-out
 * forms mean bits, so that no spelling is ambiguous.
 */
public final class Rates {

    private static final Pattern RATE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(ib|b|bits?|bps)?(/s)?");
    private static final String[] BIT_UNITS = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};

    private Rates() {
    }

    /**
     * Parses a rate into bytes per second, rounded down (bits), never above {@code Long.MAX_VALUE}.
     *
     * @throws IllegalArgumentException naming the text when it is not a rate
     */
    public static long parse(String text) {
        Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
        String unit = m.matches() ? m.group(3) : null;
        boolean bits = unit != null && unit.startsWith("bit") || "bps".equals(unit);
        if (!m.matches() || ("ib".equals(unit) && m.group(2).isEmpty()) || ("bps".equals(unit) && m.group(4) != null)) {
            throw new IllegalArgumentException("'" + text + "' is not a rate (examples: 500K, 10M, 100Mbit, 1Gbps)");
        }
        if (!bits) {
            return ByteSizes.parse(m.group(1) + m.group(2) + (unit == null ? "" : unit));
        }
        int power = m.group(2).isEmpty() ? 0 : "kmgt".indexOf(m.group(2)) + 1;
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(1000, power) / 8;
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large a rate");
        }
        return (long) bytes;
    }

    /** Formats bytes per second as bits per second, 1000-based as networks count: {@code 36.7 Mbit/s}. */
    public static String formatBits(double bytesPerSecond) {
        if (!Double.isFinite(bytesPerSecond)) {
            return "-";
        }
        double value = bytesPerSecond * 8;
        int unit = 0;
        while (value >= 1000 && unit < BIT_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s"
                : "%.0f %s", value, BIT_UNITS[unit]);
    }
}
