package dev.txrx.common.transport;

import dev.txrx.common.text.Addresses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * How a peer's address is written in messages and logs: {@code 127.0.0.1:49794},
 * {@code [::1]:49794} (see {@link Addresses}).
 */
public final class PeerAddress {

    private PeerAddress() {
    }

    /** The remote address of {@code socket}, or {@code unknown peer} once it is gone. */
    public static String of(SocketChannel socket) {
        InetSocketAddress remote = remote(socket);
        return remote == null ? "unknown peer" : Addresses.of(remote);
    }

    /** The remote host of {@code socket} without its port (an IPv6 one without brackets), or {@code unknown peer}. */
    static String hostOf(SocketChannel socket) {
        InetSocketAddress remote = remote(socket);
        return remote == null ? "unknown peer" : Addresses.host(remote.getAddress());
    }

    private static InetSocketAddress remote(SocketChannel socket) {
        try {
            return (InetSocketAddress) socket.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }
}
