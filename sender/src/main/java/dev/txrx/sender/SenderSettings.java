package dev.txrx.sender;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a running sender needs, checked and converted from the command line.
 *
 * @param seed           content seed shared by every session, or null for a fresh one per session
 * @param bytesPerSecond pace of each session's data, or 0 for as fast as possible
 */
public record SenderSettings(String bindAddress, int port, GeneratorSettings generator, Long seed,
                             Path outputDir, boolean once, long bytesPerSecond, Duration idleTimeout) {
}
