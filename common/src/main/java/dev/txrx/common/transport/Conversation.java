package dev.txrx.common.transport;

import java.io.IOException;

/**
 * What one side says over one connection once the handshake is done: a file session, a
 * catalogue, pings, a trickle stream. A conversation knows nothing of sockets, timeouts' wiring or
 * failures' mapping; its {@link PeerConnection} does that, and asks it for a result either way.
 *
 * @param <R> what the conversation produces
 */
public interface Conversation<R> {

    /**
     * Runs the conversation to its end over {@code connection}, after the handshake.
     *
     * @throws IOException a {@link dev.txrx.common.protocol.ProtocolException},
     *     {@link dev.txrx.common.protocol.PeerErrorException}, {@link LocalFailureException} or the
     *     connection's own failure; {@link PeerConnection} maps each to a {@link Failure}
     */
    R converse(PeerConnection connection) throws IOException, InterruptedException;

    /** The result when {@code failure} ended the conversation early, built from what it did until then. */
    R failed(Failure failure);

    /** Called once the result is made, before the connection closes: release what the conversation holds. */
    default void end() {
    }
}
