package dev.txrx.sender.content;

import dev.txrx.common.transport.LocalFailureException;

/**
 * The sender's own content failed (a file could not be generated, written or read for its
 * checksum): the receiver did nothing wrong, and its connection tells it so with ERROR INTERNAL.
 */
public final class SourceFailedException extends LocalFailureException {
    private static final long serialVersionUID = 1L;

    SourceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
