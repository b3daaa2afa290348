package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a sender says over one connection: reads the receiver's REQUEST and hands the connection to
 * the conversation for its kind ({@link FilesConversation}, {@link CatalogueConversation},
 * {@link PingConversation}, {@link TrickleConversation}), or refuses it at once with ERROR
 * UNSUPPORTED_REQUEST when this sender does not serve that kind. {@link #stop} asks whichever
 * conversation runs to end early.
 */
public final class RequestDispatcher implements Conversation<SessionOutcome> {

    /** How long a stopped conversation may take to send its SESSION_END and hear the confirmation. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(2);

    static final String GENERATED_HAS_NO_CATALOGUE = "this sender generates its files and has no catalogue; "
            + "run the receiver without --list or --get, or start the sender with --send";
    static final String GENERATED_EXCLUDES_NOTHING = "this sender generates its files and has no tree to exclude "
            + "from; run the receiver without --exclude, or start the sender with --send";
    static final String STREAM_HAS_NO_CATALOGUE = "this sender streams its standard input (--send -); "
            + "it has no catalogue: run the receiver without --list or --get";
    static final String STREAM_EXCLUDES_NOTHING = "this sender streams its standard input (--send -); "
            + "it has no tree to exclude from: run the receiver without --exclude";
    static final String TRICKLE_HAS_NO_FILES = "this sender streams text (--trickle); it has no files to list or get";
    /**
     * How long a refused peer's further frames (the RESUME and HAVE frames that follow FILES and
     * GET) are read and dropped after the ERROR, so that the close does not reset the connection
     * before the peer has read it; as long as a busy refusal waits.
     */
    static final Duration REFUSAL_DRAIN = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Offer offer;
    private final String peer;
    private final TransferEvents events;
    private final StopRequest stop = new StopRequest();
    private final CountDownLatch ended = new CountDownLatch(1);
    /** When the connection began, then when its REQUEST came: what the outcome's duration counts from. */
    private long started = System.nanoTime();
    /** What the HAVE frames of this connection hold, given back when it ends. */
    private final HaveBudget.Account haves = HaveBudget.PROCESS.open();
    /** The conversation for the REQUEST, once it came. */
    private Conversation<SessionOutcome> chosen;

    /** Serves {@code offer} to {@code peer} (its address, for messages). */
    public RequestDispatcher(Offer offer, String peer) {
        this(offer, peer, TransferEvents.NONE);
    }

    /** As above; {@code events} hears how a file session goes. */
    public RequestDispatcher(Offer offer, String peer, TransferEvents events) {
        this.offer = offer;
        this.peer = peer;
        this.events = events;
    }

    /**
     * Asks the conversation to end early, from any thread: it stops at the next frame boundary,
     * even inside a file, and sends SESSION_END with status ABORTED and this reason.
     */
    public void stop(String reason) {
        stop.stop(reason);
    }

    /**
     * Waits up to {@code limit} for the conversation to end.
     *
     * @return true if it ended
     */
    public boolean awaitEnd(Duration limit) throws InterruptedException {
        return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public SessionOutcome converse(PeerConnection connection) throws IOException, InterruptedException {
        Frame.Request request = connection.read(Frame.Request.class, "REQUEST");
        // from here on, each read waits at most the idle timeout: the RESUME that follows FILES and GET too
        connection.expectIdle("sending to " + peer + " (no progress)");
        started = System.nanoTime();
        try {
            Conversation<SessionOutcome> selected = select(request, new Requester(peer, started, stop, events));
            if (selected instanceof FilesConversation) {
                // a stream is claimed here, by the first receiver that can carry it
                refuseUnless(offer.content().refusal(connection.version()));
            }
            chosen = selected;
        } catch (ProtocolException refused) {
            return refuse(connection, request, refused);
        }
        return chosen.converse(connection);
    }

    /**
     * The conversation that answers {@code requester}'s {@code request}, chosen from the REQUEST
     * alone. The conversations for FILES and GET read the RESUME and HAVE frames that follow it.
     *
     * @throws ProtocolException with UNSUPPORTED_REQUEST if this sender does not serve it
     */
    Conversation<SessionOutcome> select(Frame.Request request, Requester requester) throws ProtocolException {
        boolean trickles = offer.trickle() != null;
        return switch (request.kind()) {
            case PING -> new PingConversation(requester);
            case FILES -> {
                refuseUnless(trickles || request.excludes().isEmpty() || offer.content().hasCatalogue(), noTree());
                yield trickles ? new TrickleConversation(offer.trickle(), requester, haves)
                        : new FilesConversation(offer, request, requester, haves);
            }
            case GET -> {
                refuseUnless(!trickles, TRICKLE_HAS_NO_FILES);
                refuseUnless(request.names().isEmpty() || offer.content().hasCatalogue(), noCatalogue());
                refuseUnless(request.excludes().isEmpty() || offer.content().hasCatalogue(), noTree());
                yield new FilesConversation(offer, request, requester, haves);
            }
            case LIST -> {
                refuseUnless(!trickles, TRICKLE_HAS_NO_FILES);
                refuseUnless(offer.content().hasCatalogue(), noCatalogue());
                yield new CatalogueConversation(offer.content(), request.excludes(), requester);
            }
            default -> throw new ProtocolException(ErrorCode.UNSUPPORTED_REQUEST,
                    "this sender does not serve REQUEST " + request.kind());
        };
    }

    /** Why there is no tree to leave entries out of. */
    private String noTree() {
        return offer.content().singleUse() ? STREAM_EXCLUDES_NOTHING : GENERATED_EXCLUDES_NOTHING;
    }

    /** Why there is no catalogue to list or get from. */
    private String noCatalogue() {
        return offer.content().singleUse() ? STREAM_HAS_NO_CATALOGUE : GENERATED_HAS_NO_CATALOGUE;
    }

    private static void refuseUnless(String refusal) throws ProtocolException {
        refuseUnless(refusal == null, refusal);
    }

    private static void refuseUnless(boolean served, String why) throws ProtocolException {
        if (!served) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_REQUEST, why);
        }
    }

    /**
     * Refuses {@code request} with ERROR UNSUPPORTED_REQUEST at once, before reading anything
     * after it, so that the peer is told whatever it sends next. What it does send next (the
     * RESUME and HAVE frames that follow FILES and GET) is then read and dropped until it closes,
     * for at most {@link #REFUSAL_DRAIN}: closing with bytes unread would reset the connection,
     * and a peer still writing its HAVE frames could lose the ERROR in that reset.
     */
    private SessionOutcome refuse(PeerConnection connection, Frame.Request request, ProtocolException why) {
        // a request refused is no session, and no fault of the peer's: not a protocol error
        log.info("refused REQUEST {} from receiver {}: {}", request.kind(), peer, why.getMessage());
        try {
            connection.writer().write(Frame.Error.truncating(why.code(), why.getMessage()));
            connection.expectWithin("reading what follows a refused REQUEST from " + peer, REFUSAL_DRAIN);
            while (connection.reader().next() != null) {
                // dropped: whatever the peer says now changes nothing
            }
        } catch (IOException goneOrTimedOut) {
            // the peer closed first, or went on past the drain: either way the ERROR went out first
        }
        return SessionOutcome.ofRefusal(peer, started, request.kind(), why.getMessage());
    }

    @Override
    public SessionOutcome failed(Failure failure) {
        if (chosen != null) {
            return chosen.failed(failure);
        }
        boolean busy = failure instanceof Failure.PeerError error && error.busy();
        return SessionOutcome.ofConnection(peer, started, failure.message(), busy);
    }

    @Override
    public void end() {
        try {
            if (chosen != null) {
                chosen.end();
            }
        } finally {
            haves.close();
            ended.countDown();
        }
    }
}
