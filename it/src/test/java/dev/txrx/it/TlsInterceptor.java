package dev.txrx.it;

import dev.txrx.common.tls.Tls;
import dev.txrx.common.tls.TlsChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A man in the middle: it accepts a connection, terminates TLS there with a certificate of its
 * own, opens TLS of its own to the real listening side, and would relay the frames between the
 * two while reading them all. It records the application data the connecting side sent it after
 * the handshake, which a refusing side must leave empty.
 */
final class TlsInterceptor implements AutoCloseable {

    private final ServerSocketChannel server;
    private final int targetPort;
    private final Tls own = TestSecurity.tls();
    private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    private volatile boolean handshakeCompleted;
    private final Thread thread;

    TlsInterceptor(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "tls-interceptor");
        thread.setDaemon(true);
        thread.start();
    }

    int port() throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** True if the connecting side completed a TLS handshake with the interceptor. */
    boolean handshakeCompleted() {
        return handshakeCompleted;
    }

    /** The application data the connecting side sent the interceptor: its HELLO and token, if it trusted it. */
    byte[] fromClient() throws InterruptedException {
        thread.join(10_000);
        synchronized (fromClient) {
            return fromClient.toByteArray();
        }
    }

    private void serve() {
        try (SocketChannel client = server.accept();
             SocketChannel target = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                     targetPort))) {
            TlsChannel toTarget = own.connect(target, "127.0.0.1", targetPort, (host, port, certificate) -> { });
            toTarget.handshake();
            TlsChannel toClient = own.accept(client);
            toClient.handshake();
            handshakeCompleted = true;
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (toClient.read(buffer.clear()) >= 0) {
                synchronized (fromClient) {
                    fromClient.write(buffer.array(), 0, buffer.position());
                }
            }
        } catch (IOException e) {
            // the connecting side refused us: what it sent, if anything, is recorded
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
