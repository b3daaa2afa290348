package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Printable;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import java.io.EOFException;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 001's latency exchange, done as a measurement: one PING at a time, each with a fresh
 * UUID and the next sequence number, timed from just before it is written to just after its
 * PONG is read. Every answer is checked: the same UUID, sequence number and echoed send time.
 */
public final class PingConversation implements Conversation<PingResult> {

    /** One answered ping, for verbose output. */
    public record Reply(long sequence, UUID id, long rttNanos, long senderDeltaNanos, boolean warmup) {
    }

    /** Hears about each answer, on the pinging thread. */
    public interface Replies {
        /** Hears nothing. */
        Replies NONE = reply -> { };

        void answered(Reply reply);
    }

    private static final Logger log = LoggerFactory.getLogger(PingConversation.class);

    private final String peer;
    private final PingSettings ping;
    private final Replies replies;
    private final RoundTrips trips = new RoundTrips();

    /** Pings {@code peer} (its address, for messages) as {@code ping} says, telling {@code replies} of each answer. */
    public PingConversation(String peer, PingSettings ping, Replies replies) {
        this.peer = peer;
        this.ping = ping;
        this.replies = replies;
    }

    /** Runs the pings; a failure ends the run and the pings not answered count as lost. */
    @Override
    public PingResult converse(PeerConnection connection) throws IOException, InterruptedException {
        connection.expectIdle("waiting for PONG from " + peer);
        log.info("connected to {} ({}); pinging", peer, Printable.escape(connection.peerHello().agent()));
        connection.writer().write(new Frame.Request(RequestKind.PING));
        exchange(connection.reader(), connection.writer());
        return result(null);
    }

    @Override
    public PingResult failed(Failure failure) {
        return result(Problems.of(failure));
    }

    private void exchange(FrameReader reader, FrameWriter writer) throws IOException, InterruptedException {
        long intervalNanos = ping.interval().toNanos();
        long next = System.nanoTime();
        int total = ping.warmup() + ping.count();
        for (int sequence = 0; sequence < total; sequence++) {
            if (intervalNanos > 0) {
                waitUntil(next);
                // After a slow answer the next ping still waits a whole interval: no burst to catch up.
                next = Math.max(next, System.nanoTime()) + intervalNanos;
            }
            boolean warmup = sequence < ping.warmup();
            UUID id = UUID.randomUUID();
            long start = System.nanoTime();
            writer.write(new Frame.Ping(id, sequence, start, ping.padding()));
            if (!warmup) {
                trips.sent();
            }
            Frame answer = reader.next();
            long end = System.nanoTime();
            if (answer == null) {
                throw new EOFException("sender closed the connection after " + Counts.of(trips.answers(), "answer"));
            }
            if (!(answer instanceof Frame.Pong pong)) {
                throw PeerConnection.unexpected(answer, "PONG");
            }
            if (!pong.id().equals(id) || pong.sequence() != sequence || pong.sentNanos() != start) {
                trips.mismatched();
                log.warn("answer to ping {} does not match: id {}, sequence {}", sequence, pong.id(), pong.sequence());
                continue;
            }
            long roundTrip = end - start;
            if (!warmup) {
                trips.answered(roundTrip);
            }
            replies.answered(new Reply(sequence, id, roundTrip, pong.sinceLastNanos(), warmup));
        }
    }

    private static void waitUntil(long deadline) throws InterruptedException {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private PingResult result(String problem) {
        return trips.result(ping.count(), problem);
    }
}
