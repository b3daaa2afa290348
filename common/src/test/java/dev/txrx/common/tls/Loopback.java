package dev.txrx.common.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Two ends of one TCP connection on 127.0.0.1, for tests: {@link #accepted} on the listening side,
 * {@link #connected} on the connecting side, and threads to run either side's part on.
 */
final class Loopback implements AutoCloseable {

    /** One side's part of a test, run on its own thread. */
    interface Part<T> {
        T run() throws Exception;
    }

    final SocketChannel accepted;
    final SocketChannel connected;
    final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-test");
        thread.setDaemon(true);
        return thread;
    });

    Loopback() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            connected = SocketChannel.open(server.getLocalAddress());
            accepted = server.accept();
        }
    }

    /** Starts {@code part} on a thread of its own. */
    <T> Future<T> start(Part<T> part) {
        return threads.submit(part::run);
    }

    /** The two handshakes at once: the listening side's and the connecting side's channels. */
    static Pair handshake(Loopback loopback, Tls listening, Tls connecting, ServerCheck check)
            throws IOException, InterruptedException {
        return handshake(loopback, loopback.accepted, listening, connecting, check);
    }

    /** The two handshakes at once, the listening side's over {@code listeningRaw}. */
    static Pair handshake(Loopback loopback, ByteChannel listeningRaw, Tls listening, Tls connecting,
                          ServerCheck check) throws IOException, InterruptedException {
        TlsChannel server = listening.accept(listeningRaw);
        TlsChannel client = connecting.connect(loopback.connected, "127.0.0.1", loopback.port, check);
        Future<Void> serverSide = loopback.start(() -> {
            server.handshake();
            return null;
        });
        client.handshake();
        await(serverSide);
        return new Pair(server, client);
    }

    /** The result of {@code part}, or its exception as thrown. */
    static <T> T await(Future<T> part) throws IOException, InterruptedException {
        try {
            return part.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a side of the test did not finish", e);
        }
    }

    /** A connected pair, each side's handshake done. */
    record Pair(TlsChannel listening, TlsChannel connecting) {
    }

    /** A check that accepts any listening side. */
    static ServerCheck anyServer() {
        return (host, port, certificate) -> { };
    }

    @Override
    public void close() throws IOException {
        threads.shutdownNow();
        try {
            accepted.close();
        } finally {
            connected.close();
        }
    }
}
