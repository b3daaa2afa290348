package dev.txrx.receiver.conversation;

/**
 * What a trickle stream ({@code sender --trickle}) delivered.
 *
 * @param symbols    the symbols of the text: its Unicode code points
 * @param statistics how many statistics answers arrived
 * @param left       true when this receiver left the stream (LEAVE) and it ended there
 * @param problem    why the stream ended otherwise, or null when it was left
 */
public record TrickleResult(long symbols, int statistics, boolean left, String problem) implements FilesAnswer {

    /** A stream is never resumed: the sender starts a new one for each connection. */
    @Override
    public boolean resumable() {
        return false;
    }
}
