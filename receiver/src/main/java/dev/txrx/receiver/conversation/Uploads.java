package dev.txrx.receiver.conversation;

import dev.txrx.common.text.Counts;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.transport.Acceptor;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.store.DiskThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code receiver --listen}: stores the upload of each sender that connects
 * ({@code sender --connect}), each over its own connection and with its own {@link Store}, into
 * the one output directory, and tells a listener how each ended. An upload that was cut resumes
 * when its sender connects again naming its session in its HELLO: each upload session keeps its
 * resume state in the output directory under its id. One connection at a time has a session.
 */
public final class Uploads implements Acceptor.Service {

    /** Hears of each upload as it begins, on its connection's thread. */
    public interface Listener {
        /** The upload from {@code peer} begins: what hears how it goes and how it ends. */
        Upload begun(String peer);
    }

    /**
     * What hears one upload, on its connection's thread.
     *
     * @param events hears how it goes
     * @param ended  hears how it ended
     */
    public record Upload(TransferEvents events, Consumer<FilesAnswer> ended) {
    }

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final int BACKLOG = 256;

    private final ReceiverSettings settings;
    private final DiskThreads threads;
    private final Listener listener;
    /** The upload sessions a connection is resuming right now. */
    private final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
    private final UploadConversation.Claims claims = new SessionClaims();

    public Uploads(ReceiverSettings settings, DiskThreads threads, Listener listener) {
        this.settings = settings;
        this.threads = threads;
        this.listener = listener;
    }

    /**
     * Listens on {@code bind} and the settings' port; beyond {@code maxUploads} at once, a sender
     * is told the receiver is busy.
     */
    public static Acceptor listen(String bind, ReceiverSettings settings, int maxUploads, StallWatchdog watchdog)
            throws IOException {
        return Acceptor.bind(new InetSocketAddress(bind, settings.port()), BACKLOG, settings.connection(), maxUploads,
                open -> "receiver is busy: it takes " + open + " of at most "
                        + Counts.of(maxUploads, "upload") + "; try again later", "upload", watchdog);
    }

    @Override
    public void serve(PeerConnection connection) {
        String peer = connection.peer();
        log.info("sender {} connected", peer);
        Upload upload = listener.begun(peer);
        upload.ended().accept(connection.run(new UploadConversation(settings, peer, threads, claims, upload.events()))
                .result());
    }

    /** Each upload session is resumed by one connection at a time. */
    private final class SessionClaims implements UploadConversation.Claims {
        @Override
        public UUID claim(UUID session) {
            if (session != null && !claimed.add(session)) {
                // two runs of one upload at once: the second starts afresh rather than share a journal
                log.warn("upload session {} is being resumed by another connection; this one starts afresh", session);
                return null;
            }
            return session;
        }

        @Override
        public void release(UUID session) {
            claimed.remove(session);
        }
    }
}
