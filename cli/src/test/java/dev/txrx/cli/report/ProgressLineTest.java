package dev.txrx.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.report.FileDone;
import dev.txrx.common.report.Interval;
import dev.txrx.common.report.Totals;
import dev.txrx.common.text.Rates;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The text of the progress line, of the {@code -v} lines and of the interval lines, with no terminal. */
class ProgressLineTest {

    private static final long MIB = 1 << 20;

    @Test
    void knownBytesGivePercentBarTotalRateAndEta() {
        String line = ProgressLine.render("receiving", 126 * MIB, 12, new Totals(40, 300 * MIB), 30 * MIB, 100);

        assertThat(line).isEqualTo("receiving  42% [==============>                   ]  126 MiB/300 MiB"
                + " 30.0 MiB/s ETA 0:06 12/40 files");
        assertThat(line.length()).isLessThanOrEqualTo(100);
    }

    /** The usual terminal still gets a bar. */
    @Test
    void eightyColumnsHaveRoomForABar() {
        String line = ProgressLine.render("receiving", 13 * MIB, 1, new Totals(3, 30 * MIB), 8.4 * MIB, 79);

        assertThat(line).contains("[").hasSizeLessThanOrEqualTo(79);
    }

    @Test
    void generatedFilesShowTheirCountWithoutPercent() {
        assertThat(ProgressLine.render("receiving", 152 * MIB, 12, new Totals(100, Totals.UNKNOWN), 30 * MIB, 80))
                .isEqualTo("receiving  152 MiB 30.0 MiB/s 12/100 files");
    }

    @Test
    void unknownTotalsShowTheCountAlone() {
        assertThat(ProgressLine.render("sending", 512, 1, Totals.NONE, 0, 80))
                .isEqualTo("sending    512 B      0 B/s 1 file");
    }

    @Test
    void aNarrowTerminalDropsTheBarAndNoRateYetHasNoEta() {
        String line = ProgressLine.render("sending", 0, 0, new Totals(1, 10 * MIB), 0, 40);

        assertThat(line).isEqualTo("sending   0%      0 B/10.0 MiB      0 B/s ETA    ? 0/1 files");
    }

    @Test
    void doneIsAHundredPercentAndAnEmptySessionIsDone() {
        assertThat(ProgressLine.render("receiving", 5, 1, new Totals(1, 5), 10, 80)).contains(" 100% ")
                .contains("ETA 0:00");
        assertThat(ProgressLine.render("receiving", 0, 0, new Totals(0, 0), 0, 80)).contains(" 100% ");
    }

    /** pv's way: the bar keeps its width while the numbers beside it change. */
    @Test
    void theBarKeepsItsWidthAsTheNumbersChange() {
        Totals totals = new Totals(3, 30 * MIB);
        int start = ProgressLine.render("receiving", 112 << 10, 0, totals, 0, 100).indexOf(']');
        int later = ProgressLine.render("receiving", 13 * MIB, 1, totals, 8.4 * MIB, 100).indexOf(']');

        assertThat(later).isEqualTo(start);
    }

    @Test
    void etaReadsAsMinutesOrHours() {
        assertThat(ProgressLine.eta(90, 1)).isEqualTo("1:30");
        assertThat(ProgressLine.eta(3 * 3600 + 61, 1)).isEqualTo("3:01:01");
        assertThat(ProgressLine.eta(1, 0)).isEqualTo("?");
    }

    @Test
    void theBarFillsItsFractionWithAHead() {
        assertThat(ProgressLine.bar(0.5, 10)).isEqualTo("=====>    ");
        assertThat(ProgressLine.bar(1, 4)).isEqualTo("====");
    }

    @Test
    void verboseLineNamesTheFileItsSizeTimeAndRate() {
        assertThat(VerboseLines.line("verified", "", new FileDone("photos/beach.jpg", 3 * MIB, 3 * MIB,
                Duration.ofMillis(100)))).isEqualTo("verified photos/beach.jpg (3.00 MiB) in 0.10 s, 30.0 MiB/s");
        assertThat(VerboseLines.line("sent", "receiver 10.0.0.2:5123: ", new FileDone("a", 0, 0, Duration.ZERO)))
                .isEqualTo("receiver 10.0.0.2:5123: sent a (0 B) in 0.00 s, 0 B/s");
    }

    @Test
    void intervalLineGivesBoundsBytesRateInBytesAndBitsAndFiles() {
        assertThat(IntervalReport.line(new Interval(Duration.ofSeconds(1), Duration.ofSeconds(2), 32 * MIB, 3)))
                .isEqualTo("[  1.00-  2.00 s]  32.0 MiB  32.0 MiB/s    268 Mbit/s  3 files");
        assertThat(Rates.formatBits(100)).isEqualTo("800 bit/s");
        assertThat(Rates.formatBits(125)).isEqualTo("1.00 kbit/s");
        assertThat(Rates.formatBits(1.25e8)).isEqualTo("1.00 Gbit/s");
    }

    @Test
    void widthComesFromColumnsOrIsEighty() {
        assertThat(ProgressView.width("132")).isEqualTo(132);
        assertThat(ProgressView.width(null)).isEqualTo(80);
        assertThat(ProgressView.width("x")).isEqualTo(80);
        assertThat(ProgressView.width("5")).isEqualTo(80);
    }
}
