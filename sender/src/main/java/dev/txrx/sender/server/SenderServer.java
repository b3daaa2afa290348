package dev.txrx.sender.server;

import dev.txrx.common.text.Counts;
import dev.txrx.common.transport.Acceptor;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.Threads;
import dev.txrx.common.text.Reasons;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.conversation.Offer;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.sender.conversation.RequestDispatcher;
import dev.txrx.sender.conversation.SessionOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for receivers and serves each on its own thread with blocking sockets, up to
 * {@code maxClients} at once; a receiver beyond the cap is told the sender is busy (by its
 * {@link Acceptor}). Opening binds the port; {@link #serve} accepts until {@link #shutdown} or,
 * with {@code once}, until the first session is over ({@link OnceSession}): it may span
 * connections, since a receiver whose connection was cut comes back to resume it. It owns the
 * acceptor, the watchdog and the content, and stops them when it shuts down.
 */
public final class SenderServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SenderServer.class);
    /**
     * Connections the kernel queues for us to accept: enough for thousands of receivers that
     * connect at once. The kernel caps it at {@code net.core.somaxconn} (4096 by default since
     * Linux 5.4); beyond the queue, a connection waits for the client's SYN to be sent again.
     */
    private static final int BACKLOG = 8192;
    /**
     * The threads a listening sender reads its {@code --send} files on for their checksums:
     * one a core, two at least.
     */
    public static final int CHECKSUM_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /**
     * How long {@code --once} waits for the receiver to come back after a connection that did not
     * end its session: longer than a receiver's default retry budget (10 attempts, about 34 s).
     */
    public static final Duration ONCE_GIVE_UP = Duration.ofMinutes(1);

    /** Told about each receiver as its conversation starts and ends; called from the conversations' threads. */
    public interface Listener {
        void started(String peer);

        /** What hears how the file session with {@code peer} goes; nothing by default. */
        default TransferEvents events(String peer) {
            return TransferEvents.NONE;
        }

        void finished(SessionOutcome outcome);
    }

    private final ContentSource content;
    private final Offer offer;
    private final StallWatchdog watchdog;
    private final Acceptor acceptor;
    private final boolean once;
    /** With {@code once}: the one session, over its connections. */
    private final OnceSession session;
    private final Set<RequestDispatcher> running = ConcurrentHashMap.newKeySet();
    private volatile String stopping;
    private boolean shutDown;

    private SenderServer(SenderSettings settings, ContentSource content, StallWatchdog watchdog, Acceptor acceptor) {
        this.content = content;
        this.offer = settings.offer(content);
        this.watchdog = watchdog;
        this.acceptor = acceptor;
        this.once = settings.once();
        this.session = new OnceSession(ONCE_GIVE_UP, content::spent);
    }

    /**
     * Creates the output directory (for generated files that are saved) and binds the listening socket.
     *
     * @throws IOException if the directory cannot be created or the port is taken
     */
    public static SenderServer open(SenderSettings settings) throws IOException {
        return open(settings, settings.content(CHECKSUM_THREADS));
    }

    /**
     * Binds the listening socket, to serve {@code content}, which the server then owns: it closes
     * it when it shuts down, or at once if it cannot bind.
     *
     * @throws IOException if the port is taken
     */
    public static SenderServer open(SenderSettings settings, ContentSource content) throws IOException {
        StallWatchdog watchdog = new StallWatchdog();
        try {
            Acceptor acceptor = Acceptor.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), BACKLOG,
                    settings.connection(), settings.maxClients(), open -> "sender is busy: it serves " + open
                            + " of at most "
                            + Counts.of(settings.maxClients(), "receiver") + "; try again later",
                    "connection", watchdog);
            return new SenderServer(settings, content, watchdog, acceptor);
        } catch (IOException | RuntimeException e) {
            watchdog.close();
            content.close();
            throw e;
        }
    }

    /** The address actually bound, with the real port when 0 was asked for. */
    public InetSocketAddress address() throws IOException {
        return acceptor.address();
    }

    /** Receivers being served right now. */
    public int activeSessions() {
        return acceptor.openConnections();
    }

    /**
     * Accepts and serves receivers. Returns when the server is shut down or, with {@code once},
     * when the first session is over, however many connections it took.
     *
     * @return with {@code once}, the outcome of the connection that ended the session (null if
     *     none ran); otherwise null
     */
    public SessionOutcome serve(Listener listener) throws IOException {
        if (!once) {
            acceptor.serve(connection -> converse(connection, listener));
            return null;
        }
        Thread accepting = Threads.daemon("once-acceptor", () -> {
            try {
                acceptor.serve(connection -> {
                    session.started();
                    SessionOutcome outcome = null;
                    try {
                        outcome = converse(connection, listener);
                    } finally {
                        session.ended(outcome);
                    }
                });
            } catch (IOException e) {
                log.error("cannot accept receivers: {}", Reasons.of(e));
                session.stop();
            }
        });
        accepting.start();
        try {
            return session.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            acceptor.stopAccepting();
        }
    }

    /** Runs one receiver's conversation on its connection's thread, stoppable by {@link #shutdown}. */
    private SessionOutcome converse(PeerConnection connection, Listener listener) {
        log.info("receiver {} connected", connection.peer());
        listener.started(connection.peer());
        RequestDispatcher conversation = new RequestDispatcher(offer, connection.peer(),
                listener.events(connection.peer()));
        running.add(conversation);
        try {
            // A connection admitted while the server shuts down stops at once.
            String reason = stopping;
            if (reason != null) {
                conversation.stop(reason);
            }
            SessionOutcome outcome = connection.run(conversation).result();
            listener.finished(outcome);
            return outcome;
        } finally {
            running.remove(conversation);
        }
    }

    /**
     * Stops accepting, asks every conversation to end with {@code reason}, waits a few seconds for
     * them to send their SESSION_END, then cancels what is left.
     */
    public synchronized void shutdown(String reason) {
        if (shutDown) {
            return;
        }
        shutDown = true;
        acceptor.stopAccepting();
        session.stop();
        stopping = reason;
        for (RequestDispatcher conversation : running) {
            conversation.stop(reason);
        }
        try {
            acceptor.awaitConnections(RequestDispatcher.STOP_GRACE.plus(Duration.ofSeconds(1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acceptor.close();
        content.close();
        watchdog.close();
    }

    /** Shuts down with the reason "sender shutting down". */
    @Override
    public void close() {
        shutdown("sender shutting down");
    }
}
