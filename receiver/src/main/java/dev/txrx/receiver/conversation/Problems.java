package dev.txrx.receiver.conversation;

import dev.txrx.common.transport.Failure;

/** The receiver's words for a failure that ended a connection early, as results and reports give them. */
final class Problems {

    private Problems() {
    }

    /**
     * For a ping run: the failure as it is, the sender's ERROR in the sender's name
     * ({@code sender reported TIMEOUT: ...}).
     */
    static String of(Failure failure) {
        if (failure instanceof Failure.PeerError error && !error.busy()) {
            return "sender reported " + error.error().code() + ": " + error.peerMessage();
        }
        return failure.message();
    }

    /**
     * For a session cut short: a connection that broke or was cancelled leaves it incomplete
     * ({@code incomplete session: connection to PEER failed: Connection reset}).
     */
    static String ofSession(Failure failure, String peer) {
        if (failure instanceof Failure.ConnectionLost lost) {
            return "incomplete session: " + (lost.how() == Failure.ConnectionLost.How.BROKEN
                    ? "connection to " + peer + " failed: " + lost.reason() : lost.reason());
        }
        if (failure instanceof Failure.Cancelled cancelled) {
            return "incomplete session: " + cancelled.message();
        }
        return of(failure);
    }

    /** True when the connection, not the protocol or a disk, failed: what was arriving may go on later. */
    static boolean lost(Failure failure) {
        return failure instanceof Failure.ConnectionLost || failure instanceof Failure.Cancelled;
    }
}
