package dev.txrx.sender;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a running sender needs, checked and converted from the command line.
 *
 * @param sendPaths        the files and directories to send ({@code --send}), or empty to generate files
 * @param seed             content seed shared by every session, or null for a fresh one per session
 * @param outputDir        where generated files are written
 * @param saveGenerated    false to generate each file in memory as it is sent and store nothing ({@code --no-save})
 * @param bytesPerSecond   pace of each session's data, or 0 for as fast as possible
 * @param maxClients       receivers served at once; more are told the sender is busy
 * @param handshakeTimeout time a new connection has to send its HELLO and REQUEST
 * @param idleTimeout      time one read or write may go without progress
 * @param trickle          the text stream to send instead of files ({@code --trickle}), or null
 */
public record SenderSettings(String bindAddress, int port, List<Path> sendPaths, GeneratorSettings generator, Long seed,
                             Path outputDir, boolean saveGenerated, boolean once, long bytesPerSecond, int maxClients,
                             Duration handshakeTimeout, Duration idleTimeout, TrickleSettings trickle) {

    public SenderSettings {
        sendPaths = List.copyOf(sendPaths);
    }

    /** True when the sender serves real files rather than generated ones. */
    public boolean sendsFiles() {
        return !sendPaths.isEmpty();
    }

    /** How long a stopped session may take to send its SESSION_END and hear the confirmation. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);
}
