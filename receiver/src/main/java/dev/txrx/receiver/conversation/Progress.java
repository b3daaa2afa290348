package dev.txrx.receiver.conversation;

import dev.txrx.common.transport.PeerConnection;

/** Hears how a file session goes, on the receiving thread: each connection, then the progress bar. */
public interface Progress {

    /** Hears nothing. */
    Progress NONE = (files, bytes) -> { };

    /** {@code files} verified in the session so far, {@code bytes} arrived over this connection. */
    void update(long files, long bytes);

    /** The connection to {@code peer} is up, protected as {@link PeerConnection#protection} says. */
    default void connected(String peer, String protection) {
    }
}
