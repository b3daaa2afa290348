package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.transport.PeerConnection;

/** The one rule of a REQUEST's excludes on the receiving side: only a sender of version 3 understands them. */
final class Excludes {

    private Excludes() {
    }

    /**
     * Checks, before {@code request} is sent, that the peer understands its excludes: a version 2
     * sender would ignore them and send everything.
     *
     * @throws ProtocolException (UNSUPPORTED_REQUEST) if the request excludes anything and the
     *                           connection speaks version 2
     */
    static void requireUnderstood(Frame.Request request, PeerConnection connection) throws ProtocolException {
        if (!request.excludes().isEmpty() && connection.version() < FrameFormat.SYNC_VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_REQUEST, "the sender speaks protocol version "
                    + connection.version() + ", which cannot leave entries out; upgrade it, or drop --exclude");
        }
    }
}
