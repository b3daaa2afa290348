package dev.txrx.receiver;

import dev.txrx.common.transport.Agent;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.WatchedChannel;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Handshake;
import dev.txrx.common.protocol.PeerErrorException;
import dev.txrx.common.text.Printable;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 001's latency exchange, done as a measurement: one PING at a time, each with a fresh
 * UUID and the next sequence number, timed from just before it is written to just after its
 * PONG is read. Every answer is checked: the same UUID, sequence number and echoed send time.
 */
final class PingSession {

    /** One answered ping, for verbose output. */
    record Reply(long sequence, UUID id, long rttNanos, long senderDeltaNanos, boolean warmup) {
    }

    /** Hears about each answer. */
    interface Replies {
        void answered(Reply reply);
    }

    private static final Logger log = LoggerFactory.getLogger(PingSession.class);
    /** Longest round trip the histogram holds: one hour, far past any idle timeout. */
    private static final long HIGHEST_RTT_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final SocketChannel socket;
    private final String peer;
    private final ReceiverSettings settings;
    private final PingSettings ping;
    private final StallWatchdog watchdog;
    private final Replies replies;
    private final Histogram rtt = new Histogram(HIGHEST_RTT_NANOS, SIGNIFICANT_DIGITS);
    private long sent;
    private long answered;
    private long mismatched;

    PingSession(SocketChannel socket, String peer, ReceiverSettings settings, PingSettings ping,
                StallWatchdog watchdog, Replies replies) {
        this.socket = socket;
        this.peer = peer;
        this.settings = settings;
        this.ping = ping;
        this.watchdog = watchdog;
        this.replies = replies;
    }

    /** Runs the pings; a failure ends the run and the pings not answered count as lost. */
    PingResult run() {
        try (StallWatchdog.Watch watch = watchdog.watch(socket, settings.idleTimeout(), "waiting for PONG from " + peer)) {
            watch.expectWithin("waiting for the HELLO of " + peer, settings.handshakeTimeout());
            WatchedChannel channel = new WatchedChannel(socket, watch);
            FrameReader reader = new FrameReader(channel, FrameReader.MIN_BUFFER_SIZE);
            FrameWriter writer = new FrameWriter(channel);
            try {
                Frame.Hello hello = Handshake.exchange(reader, writer, Role.RECEIVER, Agent.of("receiver"));
                watch.expect("waiting for PONG from " + peer, settings.idleTimeout());
                log.info("connected to {} ({}); pinging", peer, Printable.escape(hello.agent()));
                writer.write(new Frame.Request(RequestKind.PING));
                exchange(reader, writer);
                return result(null);
            } catch (PeerErrorException e) {
                return result("sender reported " + e.error().code() + ": " + Printable.escape(e.error().message()));
            } catch (ProtocolException e) {
                log.warn("sender {} broke the protocol: {}", peer, e.getMessage());
                return result("protocol error: " + e.getMessage());
            } catch (IOException e) {
                String why = watch.firedMessage() != null ? watch.firedMessage() : e.getMessage();
                return result(why == null ? e.getClass().getSimpleName() : why);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result("interrupted");
            }
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the run is over either way
            }
        }
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
                sent++;
            }
            Frame answer = reader.next();
            long end = System.nanoTime();
            if (answer == null) {
                throw new EOFException("sender closed the connection after " + answered + " answers");
            }
            if (answer instanceof Frame.Error error) {
                throw new PeerErrorException(error);
            }
            if (!(answer instanceof Frame.Pong pong)) {
                throw new ProtocolException("expected PONG, got " + answer.getClass().getSimpleName());
            }
            if (!pong.id().equals(id) || pong.sequence() != sequence || pong.sentNanos() != start) {
                mismatched++;
                log.warn("answer to ping {} does not match: id {}, sequence {}", sequence, pong.id(), pong.sequence());
                continue;
            }
            long roundTrip = end - start;
            if (!warmup) {
                answered++;
                rtt.recordValue(Math.min(roundTrip, HIGHEST_RTT_NANOS));
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
        return new PingResult(ping.count(), sent, answered, mismatched, rtt, problem);
    }
}
