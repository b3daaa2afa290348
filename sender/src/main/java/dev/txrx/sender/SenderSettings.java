package dev.txrx.sender;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a running sender needs, checked and converted from the command line.
 *
 * @param seed             content seed shared by every session, or null for a fresh one per session
 * @param bytesPerSecond   pace of each session's data, or 0 for as fast as possible
 * @param maxClients       receivers served at once; more are told the sender is busy
 * @param handshakeTimeout time a new connection has to send its HELLO and REQUEST
 * @param idleTimeout      time one read or write may go without progress
 */
public record SenderSettings(String bindAddress, int port, GeneratorSettings generator, Long seed,
                             Path outputDir, boolean once, long bytesPerSecond, int maxClients,
                             Duration handshakeTimeout, Duration idleTimeout) {

    /** How long a stopped session may take to send its SESSION_END and hear the confirmation. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);
}
