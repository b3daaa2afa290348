package dev.txrx.common.protocol;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

/**
 * The opening exchange. Each peer sends its HELLO at once, without waiting, then reads the
 * other's. This implementation speaks versions {@value FrameFormat#MIN_VERSION} to
 * {@value FrameFormat#VERSION}, and a session speaks the lower of the two peers' highest versions
 * ({@link #negotiated}): a peer whose highest version is below {@value FrameFormat#MIN_VERSION} is
 * refused, as is a peer of the same role.
 */
public final class Handshake {

    private Handshake() {
    }

    /** Sends our HELLO, naming no session and presenting no token, and reads and checks the peer's. */
    public static Frame.Hello exchange(FrameReader reader, FrameWriter writer, Role self, String agent)
            throws IOException {
        return exchange(reader, writer, new Frame.Hello(FrameFormat.VERSION, self, agent));
    }

    /**
     * Sends {@code ours} and reads and checks the peer's HELLO.
     *
     * @return the peer's HELLO
     * @throws ProtocolException if the peer is not a txrx peer of the opposite role, or speaks only
     *                           an older version
     */
    public static Frame.Hello exchange(FrameReader reader, FrameWriter writer, Frame.Hello ours) throws IOException {
        writer.write(ours);
        Frame.Hello peer = reader.readHello();
        if (peer.version() < FrameFormat.MIN_VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "peer speaks protocol version "
                    + peer.version() + "; this side speaks versions " + FrameFormat.MIN_VERSION + " to "
                    + FrameFormat.VERSION + " (upgrade the peer)");
        }
        if (peer.role() == ours.role()) {
            throw new ProtocolException("peer is also a " + ours.role().name().toLowerCase(Locale.ROOT)
                    + " (" + peer.agent() + ")");
        }
        return peer;
    }

    /** The version a session with the peer that sent {@code peer} speaks: the lower of both peers' highest. */
    public static int negotiated(Frame.Hello peer) {
        return Math.min(FrameFormat.VERSION, peer.version());
    }

    /** Our HELLO: {@code session} is the one we continue (null: none), {@code token} what we present ("" for none). */
    public static Frame.Hello hello(Role self, String agent, UUID session, String token) {
        return new Frame.Hello(FrameFormat.VERSION, self, agent, session, token);
    }
}
