package dev.txrx.common.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Ends connections in a way that wakes every thread blocked on them. */
public final class Connections {

    private Connections() {
    }

    /**
     * Shuts a socket down in both directions and closes it. A plain close does not wake a thread
     * blocked in {@code sendfile} (a {@code FileChannel.transferTo} into the socket), because that
     * thread is not registered with the socket channel; a shutdown does. Never throws.
     */
    public static void abort(Closeable connection) {
        if (connection instanceof SocketChannel socket) {
            try {
                socket.shutdownInput();
            } catch (IOException ignored) {
                // not connected any more
            }
            try {
                socket.shutdownOutput();
            } catch (IOException ignored) {
                // not connected any more
            }
        }
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }
}
