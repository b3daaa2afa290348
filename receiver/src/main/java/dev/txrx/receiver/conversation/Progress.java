package dev.txrx.receiver.conversation;

/** Hears how a file session goes, on the receiving thread: for a progress bar. */
public interface Progress {

    /** Hears nothing. */
    Progress NONE = (files, bytes) -> { };

    /** {@code files} verified in the session so far, {@code bytes} arrived over this connection. */
    void update(long files, long bytes);
}
