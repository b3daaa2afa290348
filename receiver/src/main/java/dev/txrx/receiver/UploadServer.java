package dev.txrx.receiver;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code receiver --listen}: waits for senders that connect ({@code sender --connect}) and
 * stores each upload, on a thread of its own, into the one output directory. It keeps running
 * until it is closed. Beyond {@code maxClients} uploads at once, a sender is told the receiver
 * is busy.
 */
final class UploadServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UploadServer.class);
    private static final int BACKLOG = 256;

    private final ServerSocketChannel server;
    private final ReceiverSettings settings;
    private final int maxClients;
    private final StallWatchdog watchdog;
    private final Set<ReceiverSession> active = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService uploads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "upload-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private UploadServer(ServerSocketChannel server, ReceiverSettings settings, int maxClients, StallWatchdog watchdog) {
        this.server = server;
        this.settings = settings;
        this.maxClients = maxClients;
        this.watchdog = watchdog;
    }

    /** Binds {@code bind:port}. */
    static UploadServer open(String bind, ReceiverSettings settings, int maxClients, StallWatchdog watchdog)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(bind, settings.port()), BACKLOG);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new UploadServer(server, settings, maxClients, watchdog);
    }

    /** The address actually bound. */
    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** Accepts uploads until closed; tells {@code finished} about each one, from its thread. */
    void serve(BiConsumer<String, ReceiveResult> finished) throws IOException {
        while (true) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (ClosedChannelException e) {
                return;
            }
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            InetSocketAddress remote = (InetSocketAddress) socket.getRemoteAddress();
            String peer = remote.getAddress().getHostAddress() + ":" + remote.getPort();
            if (active.size() >= maxClients) {
                String message = "receiver is busy: it takes " + active.size() + " of at most " + maxClients
                        + " uploads; try again later";
                log.info("sender {} refused: {}", peer, message);
                uploads.execute(() -> Refusal.refuse(socket, Role.RECEIVER, Agent.of("receiver"),
                        ErrorCode.BUSY, message, watchdog));
                continue;
            }
            log.info("sender {} connected", peer);
            ReceiverSession session = new ReceiverSession(socket, peer, settings, watchdog, (files, bytes) -> { }, null,
                    ResumeState.inMemory(peer, "upload"));
            active.add(session);
            uploads.execute(() -> {
                try {
                    finished.accept(peer, session.run());
                } finally {
                    active.remove(session);
                }
            });
        }
    }

    /** Stops accepting and cancels the uploads in progress: their partial files are removed. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the accept loop ends either way
        }
        active.forEach(ReceiverSession::cancel);
        uploads.shutdown();
        try {
            uploads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
