package dev.txrx.common.protocol;

/**
 * A frame record was given a field outside what the protocol allows. Built by a caller, that
 * is the caller's bug, hence an {@link IllegalArgumentException}; met while decoding, it is the
 * peer's, and {@link FrameType#decode} reports it as a {@link ProtocolException} with the same
 * message. The message is worded for the wire, naming the frame type and the field
 * ({@code FILE_START offset 6 is beyond the size 5}), so both read the same.
 */
public final class InvalidFrameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidFrameException(String message) {
        super(message);
    }
}
