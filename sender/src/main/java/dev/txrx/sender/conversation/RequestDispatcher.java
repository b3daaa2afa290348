package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a sender says over one connection: reads the receiver's REQUEST and hands the connection to
 * the conversation for its kind ({@link FilesConversation}, {@link CatalogueConversation},
 * {@link PingConversation}, {@link TrickleConversation}), or refuses it with ERROR
 * UNSUPPORTED_REQUEST when this sender does not serve that kind. {@link #stop} asks whichever
 * conversation runs to end early.
 */
public final class RequestDispatcher implements Conversation<SessionOutcome> {

    /** How long a stopped conversation may take to send its SESSION_END and hear the confirmation. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(2);

    static final String GENERATED_HAS_NO_CATALOGUE = "this sender generates its files as it goes and has no "
            + "catalogue; start it with --send to list or get files";
    static final String TRICKLE_HAS_NO_FILES = "this sender streams text (--trickle); it has no files to list or get";

    private final Offer offer;
    private final String peer;
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
        this.offer = offer;
        this.peer = peer;
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
        connection.expectIdle("sending to " + peer + " (no progress)");
        started = System.nanoTime();
        // FILES and GET are followed by RESUME and its HAVE frames, whatever this sender serves:
        // they are read before any refusal, so that the ERROR is not lost in a reset.
        ResumeRequest resume = request.kind() == RequestKind.FILES || request.kind() == RequestKind.GET
                ? ResumeRequest.read(connection.reader(), haves) : ResumeRequest.NONE;
        chosen = select(request, resume, new Requester(peer, started, stop));
        return chosen.converse(connection);
    }

    /**
     * The conversation that answers {@code requester}'s {@code request}.
     *
     * @throws ProtocolException with UNSUPPORTED_REQUEST if this sender does not serve it
     */
    Conversation<SessionOutcome> select(Frame.Request request, ResumeRequest resume, Requester requester)
            throws ProtocolException {
        boolean trickles = offer.trickle() != null;
        return switch (request.kind()) {
            case PING -> new PingConversation(requester);
            case FILES -> trickles ? new TrickleConversation(offer.trickle(), requester)
                    : new FilesConversation(offer, request.names(), resume, requester);
            case GET -> {
                refuseUnless(!trickles, TRICKLE_HAS_NO_FILES);
                refuseUnless(request.names().isEmpty() || offer.content().hasCatalogue(), GENERATED_HAS_NO_CATALOGUE);
                yield new FilesConversation(offer, request.names(), resume, requester);
            }
            case LIST -> {
                refuseUnless(!trickles, TRICKLE_HAS_NO_FILES);
                refuseUnless(offer.content().hasCatalogue(), GENERATED_HAS_NO_CATALOGUE);
                yield new CatalogueConversation(offer.content(), requester);
            }
            default -> throw new ProtocolException(ErrorCode.UNSUPPORTED_REQUEST,
                    "this sender does not serve REQUEST " + request.kind());
        };
    }

    private static void refuseUnless(boolean served, String why) throws ProtocolException {
        if (!served) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_REQUEST, why);
        }
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
