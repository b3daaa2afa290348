package dev.txrx.receiver;

import dev.txrx.common.transport.RetryPolicy;
import dev.txrx.common.protocol.Frame;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a receiver needs, checked and converted from the command line.
 *
 * @param outputDir where verified files go; ignored with {@code discard}
 * @param onExists  what to do when a file of the same name is already there
 * @param request   what to ask the sender for: everything, the catalogue, or some names
 * @param durable   whether a file is flushed to disk before it is reported verified ({@code --no-fsync} turns it off)
 */
public record ReceiverSettings(String host, int port, RetryPolicy retry, Duration connectTimeout,
                               Duration handshakeTimeout, Duration idleTimeout, Path outputDir, boolean discard,
                               OnExists onExists, Frame.Request request, boolean durable) {

    /** The same settings writing into {@code directory}. */
    public ReceiverSettings withOutputDir(Path directory) {
        return new ReceiverSettings(host, port, retry, connectTimeout, handshakeTimeout, idleTimeout, directory,
                discard, onExists, request, durable);
    }
}
