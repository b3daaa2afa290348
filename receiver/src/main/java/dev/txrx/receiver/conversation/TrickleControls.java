package dev.txrx.receiver.conversation;

/** What a person can do in a trickle stream, from any thread: ask for statistics, or leave. */
public interface TrickleControls {

    /** Asks the sender for its count (STATS_REQUEST); nothing once leaving. */
    void requestStats();

    /** Tells the sender this receiver leaves (LEAVE); nothing more is sent after it. */
    void leave();
}
