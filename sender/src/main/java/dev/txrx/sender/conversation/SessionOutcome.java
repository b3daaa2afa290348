package dev.txrx.sender;

import dev.txrx.common.report.TransferSummary;

/**
 * How one receiver's session ended.
 *
 * @param peer      the receiver's address, for messages
 * @param summary   what was sent, complete or not
 * @param confirmed true when the receiver confirmed totals and digest equal to ours
 * @param problem   what went wrong, or null when the session completed and was confirmed
 * @param peerBusy  true when the peer turned the connection away as busy
 * @param activity  what a session without files did ("answered 10 pings"), or null for a file session
 * @param resume    how this connection resumed an earlier one, or null
 */
public record SessionOutcome(String peer, TransferSummary summary, boolean confirmed, String problem,
                             boolean peerBusy, String activity, String resume) {

    /** True when every file was sent and the receiver confirmed them. */
    public boolean succeeded() {
        return confirmed && problem == null;
    }
}
