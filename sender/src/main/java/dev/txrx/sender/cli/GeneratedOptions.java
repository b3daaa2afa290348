package dev.txrx.sender.cli;

import dev.txrx.cli.SizeConverter;
import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Durations;
import dev.txrx.sender.content.GeneratorSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of generated files: how many, how large, how far apart, from which seed, kept where. */
final class GeneratedOptions {

    @Option(names = {"-n", "--count"}, defaultValue = "100", paramLabel = "N",
            description = "Files to generate for each receiver (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--min-size", defaultValue = "1K", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "Smallest file in bytes, or with K, M or G (1024-based), as 512, 64K or 10M "
                + "(default: ${DEFAULT-VALUE}).")
    long minSize;

    @Option(names = "--max-size", defaultValue = "1000K", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "Largest file (default: ${DEFAULT-VALUE}).")
    long maxSize;

    @Option(names = "--min-interval", defaultValue = "1ms", paramLabel = "DURATION",
            description = "Shortest pause before each file after the first, as 0, 250ms or 2s "
                + "(default: ${DEFAULT-VALUE}; a --max-interval below it lowers it).")
    Duration minInterval;

    @Option(names = "--max-interval", defaultValue = "1000ms", paramLabel = "DURATION",
            description = "Longest pause (default: ${DEFAULT-VALUE}).")
    Duration maxInterval;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for sizes, pauses and content: the same seed gives the same files. "
                + "Default: a new random seed for each receiver.")
    Long seed;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "outputs", paramLabel = "DIR",
            description = "Where generated files are written (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--no-save",
            description = "Do not write generated files to the output directory: generate each one in memory as "
                + "it is sent (memory to memory, like iperf3). The receiver still verifies every file's CRC32C "
                + "and the session digest. Not with --send or --trickle.")
    boolean noSave;

    /**
     * Lowers the shortest pause to the longest when only the longest was given, below the default
     * shortest: {@code --max-interval 0} alone means no pauses, not a contradiction.
     *
     * @param minimumGiven whether {@code --min-interval} was on the command line
     */
    void settleIntervals(boolean minimumGiven) {
        if (!minimumGiven && maxInterval.compareTo(minInterval) < 0) {
            minInterval = maxInterval;
        }
    }

    /** What is wrong with these options, or null; after {@link #settleIntervals}. */
    String problem() {
        if (count < 0) {
            return "--count must be 0 or more, not " + count;
        }
        if (maxSize < minSize) {
            return "--min-size " + ByteSizes.format(minSize) + " is above --max-size " + ByteSizes.format(maxSize);
        }
        if (maxSize == Long.MAX_VALUE) {
            return "--max-size is too large";
        }
        if (maxInterval.compareTo(minInterval) < 0) {
            return "--min-interval " + Durations.format(minInterval) + " is above --max-interval "
                    + Durations.format(maxInterval);
        }
        return null;
    }

    /** The files to generate for each receiver; the options have no {@link #problem}. */
    GeneratorSettings settings() {
        return new GeneratorSettings(count, minSize, maxSize, minInterval, maxInterval);
    }
}
