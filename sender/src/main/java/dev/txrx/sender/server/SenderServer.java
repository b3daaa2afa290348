package dev.txrx.sender;

import dev.txrx.common.transport.Agent;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.Refusal;
import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for receivers and serves each on its own thread with blocking sockets, up to
 * {@code maxClients} at once; a receiver beyond the cap is told the sender is busy. Opening
 * binds the port; {@link #serve} accepts until {@link #shutdown} or, with {@code once}, until
 * the first session ends.
 */
public final class SenderServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SenderServer.class);
    private static final int BACKLOG = 1024;
    private static final int REFUSING_THREADS = 2;
    private static final int REFUSALS_QUEUED = 256;

    /** Told about each session as it starts and ends; called from the sessions' threads. */
    public interface Listener {
        void started(String peer);

        void finished(SessionOutcome outcome);
    }

    private final SenderSettings settings;
    private final ServerSocketChannel server;
    private final ExecutorService checksums = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), named("checksum"));
    private final ContentSource source;
    private final SessionRegistry sessionRegistry = new SessionRegistry();
    private final StallWatchdog watchdog = new StallWatchdog();
    private final Set<SenderSession> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService sessions = Executors.newCachedThreadPool(named("session"));
    private final ExecutorService refusals = new ThreadPoolExecutor(REFUSING_THREADS, REFUSING_THREADS, 0,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(REFUSALS_QUEUED), named("refuse"));
    private boolean shutDown;

    private SenderServer(SenderSettings settings, ServerSocketChannel server) {
        this.settings = settings;
        this.server = server;
        this.source = contentSource(settings, checksums);
    }

    /** What the sessions send: the tree named by {@code --send}, or generated files, stored or not. */
    static ContentSource contentSource(SenderSettings settings, java.util.concurrent.Executor checksums) {
        if (settings.sendsFiles()) {
            return new LocalTree(settings.sendPaths(), checksums);
        }
        return settings.saveGenerated() ? GeneratedContent.saving(settings.generator(), settings.outputDir())
                : GeneratedContent.inMemory(settings.generator());
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Creates the output directory (for generated files that are saved) and binds the listening socket.
     *
     * @throws IOException if the directory cannot be created or the port is taken
     */
    public static SenderServer open(SenderSettings settings) throws IOException {
        createOutputDirectory(settings);
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), BACKLOG);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new SenderServer(settings, server);
    }

    /**
     * Creates the output directory when generated files are saved there, or says in one line on
     * {@code err} why it cannot.
     *
     * @return false if the directory could not be created
     */
    static boolean createOutputDirectory(SenderSettings settings, java.io.PrintWriter err) {
        try {
            createOutputDirectory(settings);
            return true;
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way"
                    : e instanceof java.nio.file.FileSystemException fs
                            ? (fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName())
                    : dev.txrx.cli.CommandLines.describe(e);
            err.println("sender: cannot create the output directory " + settings.outputDir() + ": " + why);
            err.flush();
            return false;
        }
    }

    /** Creates the output directory when generated files are saved there; otherwise does nothing. */
    static void createOutputDirectory(SenderSettings settings) throws IOException {
        if (!settings.sendsFiles() && settings.saveGenerated()) {
            Files.createDirectories(settings.outputDir());
        }
    }

    /** The address actually bound, with the real port when 0 was asked for. */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** Receivers being served right now. */
    public int activeSessions() {
        return active.size();
    }

    /**
     * Accepts and serves receivers. Returns when the server is shut down, or after the first
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
            if (active.size() >= settings.maxClients()) {
                refuse(socket, peer);
                continue;
            }
            log.info("receiver {} connected", peer);
            listener.started(peer);
            SenderSession session = new SenderSession(socket, peer, settings, watchdog, source, sessionRegistry);
            active.add(session);
            Future<SessionOutcome> outcome;
            try {
                outcome = sessions.submit(() -> {
                    try {
                        SessionOutcome result = session.run();
                        listener.finished(result);
                        return result;
                    } finally {
                        active.remove(session);
                    }
                });
            } catch (RejectedExecutionException e) {
                active.remove(session);
                session.kill();
                return null;
            }
            if (settings.once()) {
                server.close();
                try {
                    return outcome.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (ExecutionException e) {
                    throw new IOException("session failed", e.getCause());
                }
            }
        }
    }

    /** Tells a receiver beyond the cap that the sender is busy, on a small pool of its own. */
    private void refuse(SocketChannel socket, String peer) {
        String message = "sender is busy: it serves " + active.size() + " of at most " + settings.maxClients()
                + " receivers; try again later";
        log.info("receiver {} refused: {}", peer, message);
        try {
            refusals.execute(() -> Refusal.refuse(socket, Role.SENDER, Agent.of("sender"), ErrorCode.BUSY,
                    message, watchdog));
        } catch (RejectedExecutionException e) {
            closeQuietly(socket);
        }
    }

    /**
     * Stops accepting, asks every session to end with {@code reason}, waits up to a few
     * seconds for them to send their SESSION_END, then closes what is left.
     */
    public synchronized void shutdown(String reason) {
        if (shutDown) {
            return;
        }
        shutDown = true;
        closeQuietly(server);
        for (SenderSession session : active) {
            session.stop(reason);
        }
        sessions.shutdown();
        refusals.shutdown();
        try {
            if (!sessions.awaitTermination(SenderSettings.STOP_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                active.forEach(SenderSession::kill);
                sessions.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refusals.shutdownNow();
        checksums.shutdownNow();
        watchdog.close();
    }

    /** Shuts down with the reason "sender shutting down". */
    @Override
    public void close() {
        shutdown("sender shutting down");
    }

    private static String describe(SocketChannel socket) {
        try {
            InetSocketAddress remote = (InetSocketAddress) socket.getRemoteAddress();
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        } catch (IOException e) {
            return "unknown peer";
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing to do about a failed close
        }
    }
}
