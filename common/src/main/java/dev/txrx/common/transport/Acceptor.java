package dev.txrx.common.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side of both apps: accepts connections and serves each as a {@link PeerConnection}
 * on a thread of its own, up to a number at once; beyond it, a connection is refused with BUSY
 * ({@link Refusal}) on a small pool of its own, so a burst of connections costs a bounded number of
 * threads. It owns both pools and the connections it started, and stops them in {@link #close}.
 *
 * <p>The connections run on {@link Threads#perTaskExecutor} threads (virtual ones where the JDK
 * has them), and shake hands a few at a time ({@link #HANDSHAKES_AT_ONCE}): a burst of thousands
 * of TLS handshakes at once on a few CPUs would have each of them finish late, after its deadline.
 */
public final class Acceptor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Acceptor.class);
    private static final int REFUSING_THREADS = 2;
    private static final int REFUSALS_QUEUED = 256;
    /**
     * Connections that may be in their handshake (TLS, then HELLO) at once; the others wait their
     * turn, with their handshake deadline not yet running. A handshake costs a few milliseconds of
     * CPU, so this many keep the CPUs busy with a wait of well under a second each; a peer that
     * holds a turn without shaking hands loses it at its deadline.
     */
    public static final int HANDSHAKES_AT_ONCE = 64;

    /** Serves one accepted connection, on the acceptor's thread for it. */
    public interface Service {
        void serve(PeerConnection connection);
    }

    private final ServerSocketChannel server;
    private final ConnectionSettings settings;
    private final int maxConnections;
    private final IntFunction<String> busyMessage;
    private final StallWatchdog watchdog;
    private final Set<PeerConnection> open = ConcurrentHashMap.newKeySet();
    private final Semaphore handshakes = new Semaphore(HANDSHAKES_AT_ONCE);
    private final ExecutorService connections;
    private final ExecutorService refusals = new ThreadPoolExecutor(REFUSING_THREADS, REFUSING_THREADS, 0,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(REFUSALS_QUEUED), Threads.named("refuse"));

    private Acceptor(ServerSocketChannel server, ConnectionSettings settings, int maxConnections,
                     IntFunction<String> busyMessage, String threadName, StallWatchdog watchdog) {
        this.server = server;
        this.settings = settings.listening(true);
        this.maxConnections = maxConnections;
        this.busyMessage = busyMessage;
        this.watchdog = watchdog;
        this.connections = Threads.perTaskExecutor(threadName);
    }

    /**
     * Binds {@code bind:port} (port 0 for any free one).
     *
     * @param busyMessage the BUSY refusal's message, given how many connections are open
     * @param threadName  the prefix of the connections' thread names
     */
    public static Acceptor bind(InetSocketAddress address, int backlog, ConnectionSettings settings,
                                int maxConnections, IntFunction<String> busyMessage, String threadName,
                                StallWatchdog watchdog) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, backlog);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new Acceptor(server, settings, maxConnections, busyMessage, threadName, watchdog);
    }

    /** The address actually bound, with the real port when 0 was asked for. */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** Connections being served right now. */
    public int openConnections() {
        return open.size();
    }

    /** Accepts and serves connections until {@link #stopAccepting} or {@link #close}. */
    public void serve(Service service) throws IOException {
        while (acceptOne(service) != null) {
            // the next one
        }
    }

    /**
     * Accepts connections, refusing any beyond the maximum, until one is admitted; serves it on a
     * thread of its own.
     *
     * @return the admitted connection, or null when the acceptor stopped accepting
     */
    public PeerConnection acceptOne(Service service) throws IOException {
        while (true) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (ClosedChannelException e) {
                return null;
            }
            String peer = PeerAddress.of(socket);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (open.size() >= maxConnections) {
                refuse(socket, peer);
                continue;
            }
            PeerConnection connection = new PeerConnection(socket, peer, settings, watchdog, handshakes);
            open.add(connection);
            try {
                connections.execute(() -> {
                    try {
                        service.serve(connection);
                    } finally {
                        open.remove(connection);
                    }
                });
            } catch (RejectedExecutionException e) {
                open.remove(connection);
                connection.cancel();
                return null;
            }
            return connection;
        }
    }

    private void refuse(SocketChannel socket, String peer) {
        String message = busyMessage.apply(open.size());
        log.info("{} {} refused: {}", settings.self() == dev.txrx.common.protocol.Role.SENDER ? "receiver" : "sender",
                peer, message);
        try {
            refusals.execute(() -> Refusal.refuse(socket, settings, dev.txrx.common.protocol.ErrorCode.BUSY, message,
                    watchdog));
        } catch (RejectedExecutionException e) {
            Connections.abort(socket);
        }
    }

    /** Stops accepting; the connections being served go on. */
    public void stopAccepting() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the accept loop ends either way
        }
    }

    /**
     * Waits up to {@code limit} for the connections being served to end.
     *
     * @return true if they all ended
     */
    public boolean awaitConnections(Duration limit) throws InterruptedException {
        connections.shutdown();
        return connections.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops accepting, cancels every connection still open and waits a moment for their threads. */
    @Override
    public void close() {
        stopAccepting();
        open.forEach(PeerConnection::cancel);
        connections.shutdown();
        refusals.shutdownNow();
        try {
            connections.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
