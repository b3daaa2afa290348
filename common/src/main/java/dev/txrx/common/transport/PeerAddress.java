package dev.txrx.common.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/** How a peer's address is written in messages and logs: {@code 127.0.0.1:49794}. */
public final class PeerAddress {

    private PeerAddress() {
    }

    /** The remote address of {@code socket}, or {@code unknown peer} once it is gone. */
    public static String of(SocketChannel socket) {
        try {
            InetSocketAddress remote = (InetSocketAddress) socket.getRemoteAddress();
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        } catch (IOException | NullPointerException e) {
            return "unknown peer";
        }
    }
}
