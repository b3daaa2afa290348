package dev.txrx.receiver;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a receiver needs, checked and converted from the command line.
 *
 * @param outputDir where verified files go; ignored with {@code discard}
 */
public record ReceiverSettings(String host, int port, RetryPolicy retry, Duration connectTimeout,
                               Duration handshakeTimeout, Duration idleTimeout, Path outputDir, boolean discard) {

    /** The same settings writing into {@code directory}. */
    public ReceiverSettings withOutputDir(Path directory) {
        return new ReceiverSettings(host, port, retry, connectTimeout, handshakeTimeout, idleTimeout, directory,
                discard);
    }
}
