package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.report.Compared;
import dev.txrx.common.report.TransferSummary;
import java.time.Duration;

/**
 * How one receiver's conversation ended: the result of every kind of conversation.
 *
 * @param peer      the receiver's address, for messages
 * @param summary   what was sent, complete or not
 * @param confirmed true when the receiver confirmed totals and digest equal to ours (or, without
 *                  files, when the conversation ended as it should)
 * @param problem   what went wrong, or null when the conversation completed and was confirmed
 * @param peerBusy  true when the peer turned the connection away as busy
 * @param activity  what a conversation without files did ("answered 10 pings"), or null for files
 * @param resume    how this connection resumed an earlier one's session, or null
 * @param refused   true when the sender refused the REQUEST (it does not serve that kind): no
 *                  session began, so it is not counted as one (nor as {@code --once}'s)
 * @param compared  how the receiver's copies compared with the files (version 3)
 */
public record SessionOutcome(String peer, TransferSummary summary, boolean confirmed, String problem,
                             boolean peerBusy, String activity, String resume, boolean refused, Compared compared) {

    /** An outcome that compared no copy. */
    public SessionOutcome(String peer, TransferSummary summary, boolean confirmed, String problem,
                          boolean peerBusy, String activity, String resume, boolean refused) {
        this(peer, summary, confirmed, problem, peerBusy, activity, resume, refused, Compared.NONE);
    }

    /** True when every file was sent and the receiver confirmed them. */
    public boolean succeeded() {
        return confirmed && problem == null;
    }

    /**
     * A conversation that sent {@code requester} what {@code digest} counted (files, or a catalogue:
     * none), over all the session's connections; {@code moved} bytes of file content went over this
     * one, which the speed counts.
     */
    static SessionOutcome ofFiles(Requester requester, SessionDigest digest, long moved, String problem,
                                  String resume, Compared compared) {
        return new SessionOutcome(requester.peer(), summary(digest, requester.requestedAt(), moved), problem == null,
                problem, false, null, resume, false, compared);
    }

    /** A conversation without files (pings, a trickle stream) that did {@code activity} for {@code requester}. */
    static SessionOutcome ofActivity(Requester requester, String activity, String problem) {
        return new SessionOutcome(requester.peer(), summary(new SessionDigest(), requester.requestedAt(), 0),
                problem == null, problem, false, activity, null, false);
    }

    /** A connection that ended before a conversation for its REQUEST began: in the handshake, or refused. */
    static SessionOutcome ofConnection(String peer, long started, String problem, boolean peerBusy) {
        return new SessionOutcome(peer, summary(new SessionDigest(), started, 0), false, problem, peerBusy, null, null,
                false);
    }

    /** A REQUEST of {@code kind} that this sender does not serve, refused for {@code why}: no session. */
    static SessionOutcome ofRefusal(String peer, long started, RequestKind kind, String why) {
        return new SessionOutcome(peer, summary(new SessionDigest(), started, 0), false, why, false,
                "refused REQUEST " + kind, null, true);
    }

    private static TransferSummary summary(SessionDigest digest, long started, long moved) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new TransferSummary("sent", digest.files(), digest.bytes(), took, digest.digest(), moved);
    }
}
