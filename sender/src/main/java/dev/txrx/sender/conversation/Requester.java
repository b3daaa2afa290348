package dev.txrx.sender.conversation;

/**
 * The receiver a conversation answers, as the {@link RequestDispatcher} hands it over.
 *
 * @param peer        its address, for messages
 * @param requestedAt when its REQUEST came (nanoTime): what the outcome's duration counts from
 * @param stop        how the conversation is asked to end early
 */
record Requester(String peer, long requestedAt, StopRequest stop) {
}
