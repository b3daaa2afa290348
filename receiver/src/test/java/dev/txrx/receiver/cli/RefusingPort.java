package dev.txrx.receiver.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where nothing listens and that nobody else can take while it is held: a TCP
 * socket bound to port 0 and never connected nor listening. Linux refuses a connection to it
 * (RST, "Connection refused") as for any closed port, but keeps the port in its bind table, so
 * neither an outgoing connection's automatic bind nor another process's {@code bind} gets it.
 * Binding a port and closing it at once, as {@code TestPorts.unused()} did, leaves a window in
 * which the port is free again; a {@code ServerSocket} would accept connections into its backlog.
 *
 * <p>A holder made with {@link #forTakeOver()} sets SO_REUSEADDR, so
 * that a server that also sets it (the apps' {@code ServerSocketChannel} does, as every JDK on
 * Linux) may bind and listen on the same port while it is held, and a test can start a server
 * exactly where a client has been refused; a socket without SO_REUSEADDR still cannot bind it.
 */
public final class RefusingPort implements AutoCloseable {

    private final Socket holder;

    private RefusingPort(boolean reusable) throws IOException {
        holder = new Socket();
        holder.setReuseAddress(reusable);
        holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** A port nobody can take while it is held. */
    public static RefusingPort hold() throws IOException {
        return new RefusingPort(false);
    }

    /** A port that only a listener setting SO_REUSEADDR, such as the apps' own, can take while it is held. */
    public static RefusingPort forTakeOver() throws IOException {
        return new RefusingPort(true);
    }

    public int port() {
        return holder.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
