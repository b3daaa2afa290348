package dev.txrx.common.protocol;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

/**
 * The opening exchange. Each peer sends its HELLO at once, without waiting, then reads the
 * other's. This implementation speaks version {@value FrameFormat#VERSION} only: a peer whose
 * highest version is lower is refused, as is a peer of the same role.
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
        if (peer.version() < FrameFormat.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "peer speaks protocol version "
                    + peer.version() + "; this side speaks version " + FrameFormat.VERSION + " only (upgrade the peer)");
        }
        if (peer.role() == ours.role()) {
            throw new ProtocolException("peer is also a " + ours.role().name().toLowerCase(Locale.ROOT)
                    + " (" + peer.agent() + ")");
        }
        return peer;
    }

    /** Our HELLO: {@code session} is the one we continue (null: none), {@code token} what we present ("" for none). */
    public static Frame.Hello hello(Role self, String agent, UUID session, String token) {
        return new Frame.Hello(FrameFormat.VERSION, self, agent, session, token);
    }
}
