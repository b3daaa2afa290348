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

    @Option(names = {"-n", "--count"}, defaultValue = "100",
            description = "Files to generate for each receiver (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--min-size", defaultValue = "1K", converter = SizeConverter.class,
            description = "Smallest file, e.g. 512, 64K, 10M (default: ${DEFAULT-VALUE}).")
    long minSize;

    @Option(names = "--max-size", defaultValue = "1000K", converter = SizeConverter.class,
            description = "Largest file (default: ${DEFAULT-VALUE}).")
    long maxSize;

    @Option(names = "--min-interval", defaultValue = "1ms",
            description = "Shortest pause before each file after the first, e.g. 0, 250ms, 2s (default: ${DEFAULT-VALUE}).")
    Duration minInterval;

    @Option(names = "--max-interval", defaultValue = "1000ms",
            description = "Longest pause (default: ${DEFAULT-VALUE}).")
    Duration maxInterval;

    @Option(names = "--seed",
            description = "Seed for sizes, pauses and content: the same seed gives the same files. "
                + "Default: a new random seed for each receiver.")
    Long seed;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "outputs",
            description = "Where generated files are written (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--no-save",
            description = "Do not write generated files to the output directory: generate each one in memory as "
                + "it is sent (memory to memory, like iperf3). The receiver still verifies every file's CRC32C "
                + "and the session digest. Not with --send or --trickle.")
    boolean noSave;

    /** What is wrong with these options, or null. */
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
