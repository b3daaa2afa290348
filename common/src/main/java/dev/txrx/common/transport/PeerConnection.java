package dev.txrx.common.transport;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ForeignPeerException;
import dev.txrx.common.protocol.Handshake;
import dev.txrx.common.protocol.PeerErrorException;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.text.Addresses;
import dev.txrx.common.text.Printable;
import dev.txrx.common.text.Reasons;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a peer, from the handshake to the close: it owns the socket, its
 * {@link StallWatchdog.Watch}, the frame reader and writer, and runs one {@link Conversation} on
 * them. Every way the conversation can fail ends here: it is mapped to one {@link Failure}, told
 * to the peer with an ERROR frame where the protocol wants one, logged once with the peer's
 * address, and handed to the conversation to make its result. {@link #run} never throws.
 *
 * <p>Not thread-safe, except {@link #cancel}, which any thread may call.
 */
public final class PeerConnection {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);
    /** How often a connection waiting for its turn to shake hands looks whether it was cancelled. */
    private static final long TURN_POLL_MILLIS = 100;

    private final SocketChannel socket;
    private final String host;
    private final int port;
    private final String peer;
    private final ConnectionSettings settings;
    private final StallWatchdog.Watch watch;
    private final WatchedChannel raw;
    private final String peerRole;
    private final PeerLog peerLog;
    /** Turns to shake hands, shared by the connections of one acceptor; null for no limit. */
    private final Semaphore handshakes;
    private volatile boolean cancelled;
    private FrameReader reader;
    private FrameWriter writer;
    private SecureLayer.Opened layer;
    private Frame.Hello hello;

    /** A connection accepted on {@code socket} from {@code peer} (its address, for messages), timed by {@code watchdog}. */
    public PeerConnection(SocketChannel socket, String peer, ConnectionSettings settings, StallWatchdog watchdog) {
        this(socket, PeerAddress.hostOf(socket), -1, peer, settings, watchdog, null);
    }

    /**
     * A connection accepted like {@link #PeerConnection(SocketChannel, String, ConnectionSettings,
     * StallWatchdog)} that shakes hands (TLS and HELLO) only with one of {@code handshakes}' permits,
     * which it holds until its HELLO is exchanged. The handshake deadline starts once it has one:
     * a burst of connections shakes hands a few at a time, each within its deadline, instead of all
     * at once on too few CPUs, each too slowly.
     */
    PeerConnection(SocketChannel socket, String peer, ConnectionSettings settings, StallWatchdog watchdog,
                   Semaphore handshakes) {
        this(socket, PeerAddress.hostOf(socket), -1, peer, settings, watchdog, handshakes);
    }

    private PeerConnection(SocketChannel socket, String host, int port, String peer, ConnectionSettings settings,
                           StallWatchdog watchdog, Semaphore handshakes) {
        this.socket = socket;
        this.host = host;
        this.port = port;
        this.peer = peer;
        this.settings = settings;
        this.peerRole = settings.self() == Role.SENDER ? "receiver" : "sender";
        this.peerLog = new PeerLog(peerRole + " " + peer);
        this.watch = watchdog.watch(socket, settings.idleTimeout(), "talking to " + peer, settings.minimumRate());
        this.raw = new WatchedChannel(socket, watch);
        this.handshakes = handshakes;
    }

    /**
     * A connection we made to {@code host:port} over {@code socket}: the name and port are what
     * the listening side's certificate is checked against (the pin, or the known hosts).
     */
    public static PeerConnection connected(SocketChannel socket, String host, int port, ConnectionSettings settings,
                                           StallWatchdog watchdog) {
        return new PeerConnection(socket, host, port, Addresses.of(host, port), settings, watchdog, null);
    }

    /**
     * Puts TLS in place (unless in clear), does the handshake, admits the peer (on a listening
     * side), runs {@code conversation}, and closes the connection.
     *
     * @return the conversation's result, and the failure that ended it early, if any
     */
    public <R> Ended<R> run(Conversation<R> conversation) {
        try {
            Failure failure;
            try {
                shakeHands();
                log.debug("{} {} is {}{}", peerRole, peer, Printable.escape(hello.agent()),
                        layer.encryption() == null ? ", in clear" : ", " + layer.encryption());
                admit();
                return new Ended<>(conversation.converse(this), null);
            } catch (RefusedException e) {
                failure = e.refused();
            } catch (ForeignPeerException e) {
                failure = foreign(e);
            } catch (ProtocolException e) {
                if (e.code() == ErrorCode.UNAUTHORIZED) {
                    // asked for what another identity holds, such as its session
                    log.warn("{} {} refused: {}", peerRole, peer, e.getMessage());
                    refuse(e.code(), e.getMessage());
                    failure = new Failure.Refused(Failure.Refused.Why.UNAUTHORIZED, e.getMessage());
                } else {
                    tell(e.code(), e.getMessage());
                    log.warn("{} {} broke the protocol: {}", peerRole, peer, e.getMessage());
                    failure = new Failure.ProtocolViolation(e.getMessage());
                }
            } catch (PeerErrorException e) {
                failure = peerError(e);
            } catch (LocalFailureException e) {
                log.error("{} (with {} {})", e.getMessage(), peerRole, peer);
                tell(ErrorCode.INTERNAL, e.peerMessage());
                failure = new Failure.LocalFailure(e.getMessage());
            } catch (IOException e) {
                failure = lost(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new Failure.Cancelled();
            } catch (RuntimeException e) {
                log.error("{} {}: internal error", peerRole, peer, e);
                failure = new Failure.InternalError(e);
                tell(ErrorCode.INTERNAL, failure.message());
            }
            return new Ended<>(conversation.failed(failure), failure);
        } finally {
            try {
                conversation.end();
            } finally {
                watch.close();
                Connections.abort(socket);
                if (writer != null) {
                    writer.release();
                }
                peerLog.close();
            }
        }
    }

    /** Waits for a turn, if turns are limited; then TLS, unless in clear, and the HELLOs, within the deadline. */
    private void shakeHands() throws IOException, InterruptedException {
        if (handshakes != null) {
            // no deadline while waiting: the peer's bytes wait in the socket, and its own timeout runs
            watch.expect("waiting for a turn to shake hands with " + peer, Duration.ZERO);
            while (!handshakes.tryAcquire(TURN_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (cancelled || !socket.isOpen()) {
                    throw new EOFException("the connection was closed before its handshake");
                }
            }
            watch.expect("talking to " + peer, settings.idleTimeout());
        }
        try {
            // A sending peer must have the HELLO and the REQUEST within the deadline; a receiving peer the HELLO.
            watch.expectWithin(settings.self() == Role.SENDER ? "waiting for HELLO and REQUEST from " + peer
                    : "waiting for the HELLO of " + peer, settings.handshakeTimeout());
            layer = SecureLayer.open(raw, socket, settings, host, port, peerRole + " " + peer);
            // a sender reads control frames: its buffer starts small, so that an idle connection holds little
            reader = new FrameReader(layer.channel(), settings.readBuffer(), settings.self() == Role.SENDER);
            writer = new FrameWriter(layer.channel());
            hello = Handshake.exchange(reader, writer, Handshake.hello(settings.self(), settings.agent(),
                    settings.session(), settings.security().presentedToken()));
        } finally {
            if (handshakes != null) {
                handshakes.release();
            }
        }
    }

    /** On a listening side: lets the peer in, or refuses it with ERROR UNAUTHORIZED. */
    private void admit() throws IOException, InterruptedException {
        if (!settings.listening()) {
            return;
        }
        String refusal = settings.security().admission().refusal(host, layer.peerIdentity(), hello.token());
        if (refusal != null) {
            log.warn("{} {} refused: {}", peerRole, peer, refusal);
            refuse(ErrorCode.UNAUTHORIZED, refusal);
            throw new RefusedException(Failure.Refused.Why.UNAUTHORIZED, refusal);
        }
    }

    /**
     * Tells the peer why it is turned away, then lingers a moment ({@link Refusal#linger}): a
     * peer that is still writing its REQUEST must read the ERROR, not a reset, or it would take
     * the refusal for a lost connection and try again.
     */
    private void refuse(ErrorCode code, String message) {
        tell(code, message);
        if (writer == null) {
            return;
        }
        watch.expectWithin("refusing " + peer, Refusal.LINGER);
        try {
            Refusal.linger(layer.channel(), socket);
        } catch (IOException | RuntimeException ignored) {
            // the peer closed first, or did not close in time; either way it had the ERROR to read
        }
    }

    /**
     * The peer's first bytes were not a HELLO. A TLS handshake there means the peer speaks TLS
     * while we run in clear: a refusal, not a protocol error.
     */
    private Failure foreign(ForeignPeerException e) {
        if (e.tls()) {
            String reason = peerRole + " " + peer + " speaks TLS; this " + selfName() + " runs with --plain";
            log.warn("{}: refused", reason);
            return new Failure.Refused(Failure.Refused.Why.MISMATCH, settings.listening() ? reason
                    : "the " + peerRole + " at " + peer + " speaks TLS; drop --plain");
        }
        log.warn("{} {} broke the protocol: {}", peerRole, peer, e.getMessage());
        tell(e.code(), e.getMessage());
        return new Failure.ProtocolViolation(e.getMessage());
    }

    /**
     * The peer's ERROR. On the connecting side, UNAUTHORIZED and UNSUPPORTED_VERSION (a listening
     * side that speaks TLS answers a peer in clear so) are refusals that no retry can change.
     */
    private Failure peerError(PeerErrorException e) {
        Failure.PeerError error = new Failure.PeerError(e.error());
        log.info("{} {} {}: {}", peerRole, peer, error.busy() ? "is busy" : "reported an error",
                error.busy() ? error.peerMessage() : e.getMessage());
        if (!settings.listening() && e.error().code() == ErrorCode.UNAUTHORIZED) {
            return new Failure.Refused(Failure.Refused.Why.UNAUTHORIZED,
                    "the " + peerRole + " at " + peer + " refused us: " + error.peerMessage());
        }
        if (!settings.listening() && e.error().code() == ErrorCode.UNSUPPORTED_VERSION) {
            return new Failure.Refused(Failure.Refused.Why.MISMATCH,
                    "the " + peerRole + " at " + peer + " refused us: " + error.peerMessage());
        }
        return error;
    }

    private String selfName() {
        return settings.self() == Role.SENDER ? "sender" : "receiver";
    }

    private Failure lost(IOException e) {
        if (cancelled) {
            log.debug("{} {}: cancelled", peerRole, peer);
            return new Failure.Cancelled();
        }
        Failure.ConnectionLost lost = watch.firedMessage() != null
                ? new Failure.ConnectionLost(Failure.ConnectionLost.How.TIMED_OUT, watch.firedMessage())
                : e instanceof EOFException
                        ? new Failure.ConnectionLost(Failure.ConnectionLost.How.CLOSED, Reasons.of(e))
                        : new Failure.ConnectionLost(Failure.ConnectionLost.How.BROKEN, Reasons.of(e));
        if (settings.listening()) {
            log.warn("{} {} lost: {}", peerRole, peer, lost.reason());
        } else {
            log.info("{} {} lost: {}", peerRole, peer, lost.reason());
        }
        return lost;
    }

    /** Tells the peer why we end the connection; it may be gone already, or never have got so far. */
    private void tell(ErrorCode code, String message) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(Frame.Error.truncating(code, message));
        } catch (IOException | RuntimeException ignored) {
            // the peer may already be gone; the failure is logged either way
        }
    }

    /** Ends the connection at once from any thread; the conversation ends with {@link Failure.Cancelled}. */
    public void cancel() {
        cancelled = true;
        Connections.abort(socket);
    }

    /** True once {@link #cancel} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The peer's address, for messages. */
    public String peer() {
        return peer;
    }

    /**
     * The gate for log lines that this peer causes by what it sends, such as one per request
     * frame: conversations log those through it, so that a flood cannot fill the log.
     */
    public PeerLog log() {
        return peerLog;
    }

    /**
     * The fingerprint of the certificate the peer presented: who it is, whatever it asks for.
     * Null in clear ({@code --plain}).
     */
    public dev.txrx.common.tls.Fingerprint peerIdentity() {
        return layer == null ? null : layer.peerIdentity();
    }

    /** What protects the connection, e.g. {@code TLSv1.3 TLS_AES_128_GCM_SHA256}, or null in clear. */
    public String encryption() {
        return layer == null ? null : layer.encryption();
    }

    /**
     * How the connection is protected and whom it reaches, for people:
     * {@code TLSv1.3 TLS_AES_128_GCM_SHA256, identity 9f86-...}, or {@code in clear (--plain)}.
     */
    public String protection() {
        return layer == null || layer.encryption() == null ? "in clear (--plain)"
                : "encrypted with " + layer.encryption() + ", its identity " + layer.peerIdentity();
    }

    /** The peer's HELLO. */
    public Frame.Hello peerHello() {
        return hello;
    }

    /**
     * The protocol version this connection speaks, once the HELLOs are exchanged: the lower of both
     * peers' highest ({@link Handshake#negotiated}). A conversation sends what only a later version
     * defines only when this is at least that version.
     */
    public int version() {
        return Handshake.negotiated(hello);
    }

    /** Reads the peer's frames. */
    public FrameReader reader() {
        return reader;
    }

    /** Writes our frames. */
    public FrameWriter writer() {
        return writer;
    }

    /** This side's settings. */
    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * From now on, each blocking read or write may make no progress for {@code timeout}
     * ({@link Duration#ZERO}: forever); the deadline of the handshake no longer applies.
     */
    public void expect(String activity, Duration timeout) {
        watch.expect(activity, timeout);
    }

    /** The idle timeout, for {@code activity} from now on. */
    public void expectIdle(String activity) {
        watch.expect(activity, settings.idleTimeout());
    }

    /**
     * From now on the peer speaks when it likes and owes us nothing to read: reads may wait for
     * ever, while each write keeps the idle timeout and the minimum rate, so a peer that stops
     * reading is dropped once the socket's buffer is full. For streams such as the trickle.
     */
    public void expectStreaming(String activity) {
        watch.expect(activity, Duration.ZERO, false, settings.idleTimeout());
    }

    /**
     * From now on the peer sets the pace of what we read, such as PINGs at its interval: each
     * read and write keeps the idle timeout, but reads are not held to the minimum rate.
     */
    public void expectPacedByPeer(String activity) {
        watch.expect(activity, settings.idleTimeout(), false, settings.idleTimeout());
    }

    /** The current phase must be over within {@code limit}, progress or not. */
    public void expectWithin(String activity, Duration limit) {
        watch.expectWithin(activity, limit);
    }

    /**
     * Reads the next frame, which must be a {@code type}.
     *
     * @throws EOFException        if the peer closed the connection instead
     * @throws PeerErrorException  if the peer sent an ERROR
     * @throws ProtocolException   if it sent anything else
     */
    public <T extends Frame> T read(Class<T> type, String expected) throws IOException {
        Frame frame = reader.next();
        if (type.isInstance(frame)) {
            return type.cast(frame);
        }
        throw unexpected(frame, expected);
    }

    /**
     * The exception for {@code frame} arriving where {@code expected} was due: the end of the
     * stream, the peer's ERROR, or a protocol violation.
     */
    public static IOException unexpected(Frame frame, String expected) {
        if (frame == null) {
            return new EOFException("connection closed while waiting for " + expected);
        }
        if (frame instanceof Frame.Error error) {
            return new PeerErrorException(error);
        }
        return new ProtocolException("expected " + expected + ", got " + frame.type().name());
    }
}
