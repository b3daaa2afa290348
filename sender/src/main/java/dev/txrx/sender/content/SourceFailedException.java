package dev.txrx.sender.content;

import dev.txrx.common.transport.LocalFailureException;

/**
 * The sender's own content failed (a file could not be generated, written or read for its
 * checksum): the receiver did nothing wrong, and its connection tells it so with ERROR INTERNAL.
 * The receiver is told what failed by the file's name on the wire and the reason, never by a
 * local path: where the sender keeps its files is for the local log only.
 */
public final class SourceFailedException extends LocalFailureException {
    private static final long serialVersionUID = 1L;

    /** A failure whose message names no local path: the peer is told the same. */
    SourceFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    SourceFailedException(String message, String peerMessage, Throwable cause) {
        super(message, peerMessage, cause);
    }
}
