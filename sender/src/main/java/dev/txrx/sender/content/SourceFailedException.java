package dev.txrx.sender;

import java.io.IOException;

/**
 * The sender's own content failed (a file could not be generated, written or read for its
 * checksum): the receiver did nothing wrong, and is told so with an ERROR frame.
 */
final class SourceFailedException extends IOException {

    SourceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
