package dev.txrx.receiver.conversation;

import dev.txrx.common.transport.PeerConnection;

/**
 * Ctrl-C for a run of connections: {@link #cancel} from any thread ends the connection under way,
 * however far it got, and the ones that would follow. Either the connection is attached before
 * the cancel reads it, or the attach sees the cancel: both fields are volatile.
 */
final class Cancellation {

    private volatile PeerConnection connection;
    private volatile boolean requested;

    /** A connection starts; it is cancelled at once if the run was. */
    void attach(PeerConnection next) {
        connection = next;
        if (requested) {
            next.cancel();
        }
    }

    void cancel() {
        requested = true;
        PeerConnection current = connection;
        if (current != null) {
            current.cancel();
        }
    }

    /** True once {@link #cancel} was called: no connection should follow. */
    boolean requested() {
        return requested;
    }
}
