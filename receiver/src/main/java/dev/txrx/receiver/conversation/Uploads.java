package dev.txrx.receiver.conversation;

import dev.txrx.common.transport.Acceptor;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.store.DiskThreads;
import dev.txrx.receiver.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code receiver --listen}: stores the upload of each sender that connects
 * ({@code sender --connect}), each over its own connection and with its own {@link Store}, into
 * the one output directory, and tells a listener how each ended. An upload is not resumed.
 */
public final class Uploads implements Acceptor.Service {

    /** Hears how each upload ended, on its connection's thread. */
    public interface Listener {
        void ended(String peer, FilesAnswer answer);
    }

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final int BACKLOG = 256;

    private final ReceiverSettings settings;
    private final DiskThreads threads;
    private final Listener listener;

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
                open -> "receiver is busy: it takes " + open + " of at most " + maxUploads
                        + " uploads; try again later", "upload", watchdog);
    }

    @Override
    public void serve(PeerConnection connection) {
        String peer = connection.peer();
        log.info("sender {} connected", peer);
        try (Store store = Store.forUpload(settings.store(), peer, threads)) {
            listener.ended(peer, connection.run(
                    new FilesConversation(settings.request(), peer, store, Progress.NONE, null, 0)).result());
        }
    }
}
