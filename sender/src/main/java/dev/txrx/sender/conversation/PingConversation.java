package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.text.Counts;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 001's exchange, the answer to REQUEST PING: answers each PING at once with a PONG carrying
 * its id and sequence number and the time since the previous message, until the receiving peer
 * closes the connection.
 */
final class PingConversation implements Conversation<SessionOutcome> {

    private static final Logger log = LoggerFactory.getLogger(PingConversation.class);

    private final Requester requester;
    private long pings;

    PingConversation(Requester requester) {
        this.requester = requester;
    }

    @Override
    public SessionOutcome converse(PeerConnection connection) throws IOException {
        String peer = requester.peer();
        // PINGs come at the receiver's interval: the idle timeout holds, the minimum rate does not.
        connection.expectPacedByPeer("waiting for PING from " + peer);
        FrameReader reader = connection.reader();
        FrameWriter writer = connection.writer();
        long previous = System.nanoTime();
        while (!requester.stop().requested()) {
            Frame frame = reader.next();
            long now = System.nanoTime();
            if (frame == null) {
                log.info("receiver {}: ping session ended after {} pings", peer, pings);
                return outcome(null);
            }
            if (!(frame instanceof Frame.Ping ping)) {
                throw PeerConnection.unexpected(frame, "PING");
            }
            writer.write(new Frame.Pong(ping.id(), ping.sequence(), ping.sentNanos(), now - previous,
                    ping.paddingLength()));
            previous = now;
            pings++;
        }
        return outcome(requester.stop().reason());
    }

    @Override
    public SessionOutcome failed(Failure failure) {
        return outcome(failure.message());
    }

    private SessionOutcome outcome(String problem) {
        return SessionOutcome.ofActivity(requester, "answered " + Counts.of(pings, "ping"), problem);
    }
}
