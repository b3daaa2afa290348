package dev.txrx.common.protocol;

import java.io.IOException;

/**
 * The opening exchange. Each peer sends its HELLO at once, without waiting, then reads the
 * other's. The session speaks the lower of the two versions; a peer announcing version 0 or
 * the same role is refused.
 */
public final class Handshake {

    private Handshake() {
    }

    /**
     * Sends our HELLO and reads and checks the peer's.
     *
     * @return the peer's HELLO
     * @throws ProtocolException if the peer is not a txrx peer of the opposite role
     */
    public static Frame.Hello exchange(FrameReader reader, FrameWriter writer, Role self, String agent)
            throws IOException {
        return exchange(reader, writer, self, agent, null);
    }

    /**
     * Like {@link #exchange(FrameReader, FrameWriter, Role, String)}, naming in our HELLO the
     * {@code session} we continue (null for none).
     */
    public static Frame.Hello exchange(FrameReader reader, FrameWriter writer, Role self, String agent,
                                       java.util.UUID session) throws IOException {
        writer.write(new Frame.Hello(FrameFormat.VERSION, self, agent, session));
        Frame.Hello peer = reader.readHello();
        if (peer.version() < 1) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "peer speaks protocol version " + peer.version() + ", this side speaks 1 to " + FrameFormat.VERSION);
        }
        if (peer.role() == self) {
            throw new ProtocolException("peer is also a " + self.name().toLowerCase(java.util.Locale.ROOT)
                    + " (" + peer.agent() + ")");
        }
        return peer;
    }
}
