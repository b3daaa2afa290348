package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.receiver.store.DiskThreads;
import dev.txrx.receiver.store.Store;
import java.io.IOException;
import java.util.UUID;

/**
 * One upload's connection on a listening receiver: a {@link FilesConversation} whose store is
 * chosen only after the handshake, since the sender's HELLO names the upload session it
 * continues, and the store of that session holds what an earlier connection left to resume.
 */
final class UploadConversation implements Conversation<FilesAnswer> {

    /** The upload sessions that connections are resuming right now: one connection at a time has each. */
    interface Claims {
        /** Claims {@code session} for this connection: the id it may resume, or null to start afresh. */
        UUID claim(UUID session);

        /** Lets go of what {@link #claim} returned. */
        void release(UUID session);
    }

    private final ReceiverSettings settings;
    private final String peer;
    private final DiskThreads threads;
    private final Claims claims;
    private final TransferEvents events;
    private UUID claimed;
    private Store store;
    private FilesConversation files;
    private FilesAnswer answer;

    UploadConversation(ReceiverSettings settings, String peer, DiskThreads threads, Claims claims,
                       TransferEvents events) {
        this.settings = settings;
        this.peer = peer;
        this.threads = threads;
        this.claims = claims;
        this.events = events;
    }

    @Override
    public FilesAnswer converse(PeerConnection connection) throws IOException, InterruptedException {
        UUID asked = connection.peerHello().session();
        if (asked != null && !Store.uploadBelongsTo(settings.store(), asked, connection.peerIdentity())) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "upload session " + asked
                    + " was started by another identity");
        }
        claimed = claims.claim(asked);
        store = Store.forUpload(settings.store(), claimed, connection.peerIdentity(), threads);
        files = new FilesConversation(settings.request(), peer, store, events, null, 0);
        answer = files.converse(connection);
        return answer;
    }

    @Override
    public FilesAnswer failed(Failure failure) {
        if (files == null) {
            // the handshake failed: nothing was stored
            return new FilesResult(Verdict.summary(Verdict.digest(java.util.List.of()), System.nanoTime(), 0), null,
                    0, java.util.List.of(), Problems.ofSession(failure, peer), false, 0, 0);
        }
        return files.failed(failure);
    }

    @Override
    public void end() {
        try {
            if (files != null) {
                files.end();
            }
            if (answer != null && answer.verified()) {
                // the upload completed: nothing is left to resume, and its journal goes
                store.completed();
            }
        } finally {
            if (store != null) {
                store.close();
            }
            if (claimed != null) {
                claims.release(claimed);
            }
        }
    }
}
