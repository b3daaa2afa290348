package dev.txrx.common.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints byte counts as a person types them: {@code 512}, {@code 64K}, {@code 10M}, {@code 2G}. */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b)?");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSizes() {
    }

    /**
     * Parses a size. Units are binary: K is 1024 bytes, M is 1024 K, and so on; a trailing
     * {@code B} or {@code iB} is allowed ({@code 64KiB}, {@code 10MB}).
     *
     * @throws IllegalArgumentException naming the text when it is not a size
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(3) != null && m.group(3).equals("ib") && m.group(2).isEmpty())) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 512, 64K, 10M, 2G)");
        }
        int shift = switch (m.group(2)) {
            case "" -> 0;
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> throw new IllegalStateException(m.group(2));
        };
        if (!m.group(1).contains(".")) {
            try {
                long whole = Long.parseLong(m.group(1));
                if (whole > (Long.MAX_VALUE >> shift)) {
                    throw new IllegalArgumentException("'" + text + "' is too large a size");
                }
                return whole << shift;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too large a size");
            }
        }
        double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        if (bytes != Math.floor(bytes)) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes");
        }
        return (long) bytes;
    }

    /** Formats a byte count with a binary unit: {@code 512 B}, {@code 1.50 KiB}, {@code 50.3 MiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s",
                value, UNITS[unit]);
    }

    /** Formats a rate in bytes per second with a binary unit: {@code 1.03 GiB/s}. */
    public static String formatRate(double bytesPerSecond) {
        if (!Double.isFinite(bytesPerSecond)) {
            return "-";
        }
        return format(Math.round(bytesPerSecond)) + "/s";
    }
}
