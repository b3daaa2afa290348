package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.transport.Failure;

/**
 * The sender does not serve what was asked: it answered the REQUEST with ERROR
 * UNSUPPORTED_REQUEST before any session began (a sender that generates its files has no
 * catalogue for {@code --list} or {@code --get}; one that streams text has no files). That is no
 * session: nothing arrived, nothing is to be confirmed or resumed, and asking again cannot help.
 *
 * @param kind   what was asked
 * @param reason the sender's words, control characters escaped
 */
public record RefusedRequest(RequestKind kind, String reason) implements FilesAnswer {

    /** The refusal that {@code failure} is, of a REQUEST of {@code kind}, or null when it is another failure. */
    static RefusedRequest of(Failure failure, RequestKind kind) {
        if (failure instanceof Failure.PeerError error && error.error().code() == ErrorCode.UNSUPPORTED_REQUEST) {
            return new RefusedRequest(kind, error.peerMessage());
        }
        return null;
    }

    @Override
    public String problem() {
        return "the sender refused " + kind + ": " + reason;
    }

    @Override
    public boolean resumable() {
        return false;
    }
}
