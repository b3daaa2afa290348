package dev.txrx.sender.conversation;

import dev.txrx.common.report.TransferEvents;

/**
 * The receiver a conversation answers, as the {@link RequestDispatcher} hands it over.
 *
 * @param peer        its address, for messages
 * @param requestedAt when its REQUEST came (nanoTime): what the outcome's duration counts from
 * @param stop        how the conversation is asked to end early
 * @param events      hears how a file session goes
 */
record Requester(String peer, long requestedAt, StopRequest stop, TransferEvents events) {

    /** A requester whose session nobody watches. */
    Requester(String peer, long requestedAt, StopRequest stop) {
        this(peer, requestedAt, stop, TransferEvents.NONE);
    }
}
