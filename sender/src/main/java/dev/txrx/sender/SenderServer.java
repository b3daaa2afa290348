package dev.txrx.sender;

import dev.txrx.common.io.StallWatchdog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for receivers and serves each on its own thread with blocking sockets. Opening binds
 * the port; {@link #serve} accepts until {@link #close} is called or, with {@code once}, until
 * the first session ends.
 */
public final class SenderServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SenderServer.class);

    /** Told about each session as it starts and ends; called from the sessions' threads. */
    public interface Listener {
        void started(String peer);

        void finished(SessionOutcome outcome);
    }

    private final SenderSettings settings;
    private final ServerSocketChannel server;
    private final StallWatchdog watchdog = new StallWatchdog();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "session-" + threadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private SenderServer(SenderSettings settings, ServerSocketChannel server) {
        this.settings = settings;
        this.server = server;
    }

    /**
     * Creates the output directory and binds the listening socket.
     *
     * @throws IOException if the directory cannot be created or the port is taken
     */
    public static SenderServer open(SenderSettings settings) throws IOException {
        Files.createDirectories(settings.outputDir());
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), 128);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new SenderServer(settings, server);
    }

    /** The address actually bound, with the real port when 0 was asked for. */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /**
     * Accepts and serves receivers. Returns when the server is closed, or after the first
     * session with {@code once}.
     *
     * @return the outcome of the first session with {@code once}, otherwise null
     */
    public SessionOutcome serve(Listener listener) throws IOException {
        while (true) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (ClosedChannelException e) {
                return null;
            }
            String peer = describe(socket);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            log.info("receiver {} connected", peer);
            listener.started(peer);
            Future<SessionOutcome> session = sessions.submit(() -> {
                SessionOutcome outcome = new SenderSession(socket, peer, settings, watchdog).run();
                listener.finished(outcome);
                return outcome;
            });
            if (settings.once()) {
                server.close();
                try {
                    return session.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("session failed", e.getCause());
                }
            }
        }
    }

    private static String describe(SocketChannel socket) {
        try {
            InetSocketAddress remote = (InetSocketAddress) socket.getRemoteAddress();
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        } catch (IOException e) {
            return "unknown peer";
        }
    }

    /** Stops accepting and waits briefly for sessions in progress to end. */
    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdown();
        try {
            sessions.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.shutdownNow();
        watchdog.close();
    }
}
