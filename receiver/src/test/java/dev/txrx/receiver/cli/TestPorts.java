package dev.txrx.receiver.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests. */
final class TestPorts {

    private TestPorts() {
    }

    /** A loopback port that was free a moment ago: bound on port 0, read back, and released. */
    static int unused() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
