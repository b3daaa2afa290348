package dev.txrx.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a trickle receiver printed: its statistics lines, its {@code -v} burst lines and its last line. */
public final class TrickleOutput {

    /** {@code statistics: X symbols received since the last request; the sender reports Y sent (Z in all)}. */
    public record Statistics(long received, long sent, long total) {
    }

    /** A {@code -v} line: {@code HH:mm:ss.SSS  N symbols: TEXT}. */
    public record Burst(int size, String text) {
    }

    /** The receiver's last line: {@code received N symbols; statistics shown K times; HOW}. */
    public record Summary(long symbols, int statistics, String how) {
    }

    public static final Pattern STATISTICS = Pattern.compile(
            "(?m)^statistics: (\\d+) symbols? received since the last request; the sender reports (\\d+) sent "
                    + "\\((\\d+) in all\\)$");
    public static final Pattern BURST = Pattern.compile("(?m)^\\d{2}:\\d{2}:\\d{2}\\.\\d{3}  (\\d+) symbols?: (.*)$");
    private static final Pattern SUMMARY = Pattern.compile(
            "(?m)^received (\\d+) symbols?; statistics shown (\\d+) times?; (.+)$");

    private TrickleOutput() {
    }

    public static List<Statistics> statistics(String out) {
        List<Statistics> lines = new ArrayList<>();
        Matcher m = STATISTICS.matcher(out);
        while (m.find()) {
            lines.add(new Statistics(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3))));
        }
        return lines;
    }

    public static List<Burst> bursts(String out) {
        List<Burst> lines = new ArrayList<>();
        Matcher m = BURST.matcher(out);
        while (m.find()) {
            lines.add(new Burst(Integer.parseInt(m.group(1)), m.group(2)));
        }
        return lines;
    }

    public static Summary summary(String out) {
        Matcher m = SUMMARY.matcher(out);
        assertThat(m.find()).as("a summary line in:%n%s", out).isTrue();
        return new Summary(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
    }

    /**
     * Checks what the statistics lines promise: each answer counts exactly the symbols the receiver
     * saw since the previous one, and the sender's running total is the sum of those counts.
     */
    public static void assertConsistent(List<Statistics> lines) {
        long sum = 0;
        for (Statistics line : lines) {
            assertThat(line.received()).as("received == sent in %s", line).isEqualTo(line.sent());
            sum += line.sent();
            assertThat(line.total()).as("total of %s is the sum of the counts so far", line).isEqualTo(sum);
        }
    }
}
