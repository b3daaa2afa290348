package dev.txrx.sender.conversation;

/**
 * Asks a conversation, from any thread, to end early. It stops at the next frame boundary, even
 * inside a file, and tells the receiver why where the protocol lets it (SESSION_END with status
 * ABORTED and the reason).
 */
final class StopRequest {

    private volatile String reason;

    /** Asks to stop, for {@code reason}. */
    void stop(String reason) {
        this.reason = reason;
    }

    /** True once {@link #stop} was called. */
    boolean requested() {
        return reason != null;
    }

    /** Why the conversation was asked to stop, or null if it was not. */
    String reason() {
        return reason;
    }
}
