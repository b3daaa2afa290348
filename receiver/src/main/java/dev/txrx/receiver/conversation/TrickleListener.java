package dev.txrx.receiver.conversation;

/** Hears what a trickle stream brings, on the receiving thread, in order; the command line shows it. */
public interface TrickleListener {

    /** The stream began; {@code controls} act on it from any thread until {@link #stopped}. */
    void started(TrickleControls controls);

    /** Text arrived, as the sender sent it (control characters included). */
    void text(String text);

    /**
     * The sender answered a STATS_REQUEST.
     *
     * @param received symbols this receiver saw since the previous answer
     * @param sent     symbols the sender says it sent since the previous answer
     * @param total    symbols the sender says it sent in all
     */
    void statistics(long received, long sent, long total);

    /** The sender ended the stream; {@code why} says so, with its reason if it gave one. */
    void ended(String why);

    /** The stream is over, however it ended (once its result is made): no more events come. */
    void stopped();
}
