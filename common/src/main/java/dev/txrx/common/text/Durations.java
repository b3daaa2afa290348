package dev.txrx.common.text;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations as a person types them: {@code 0}, {@code 250ms}, {@code 2s}, {@code 1.5m}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * Parses a duration. A bare number means seconds, except {@code 0}, which is zero in any unit.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 0, 250ms, 2s, 1m)");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanosPerUnit = switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalStateException(unit);
        };
        double nanos = value * nanosPerUnit;
        if (nanos > Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Formats a duration for a person: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 59.999s}, {@code 3m20s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
        }
        long seconds = duration.toSeconds();
        return (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s");
    }
}
