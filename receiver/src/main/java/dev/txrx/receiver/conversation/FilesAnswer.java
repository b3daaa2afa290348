package dev.txrx.receiver.conversation;

/**
 * What a FILES or GET request brought: the session's files ({@code FilesResult}), or, from a
 * sender started with {@code --trickle}, a text stream ({@code TrickleResult}); nothing else.
 */
public interface FilesAnswer {

    /** Why the answer is not what was asked for, or null when it is. */
    String problem();

    /** True when everything asked for arrived as it should. */
    default boolean verified() {
        return problem() == null;
    }

    /** True when, beyond {@link #verified()}, nothing asked for was missing. */
    default boolean complete() {
        return verified();
    }

    /** True when the session can go on over a new connection, from where it stopped. */
    boolean resumable();

    /** True when the connection was lost while a stream (or a file on standard output) arrived: it cannot go on. */
    default boolean streamCut() {
        return false;
    }
}
