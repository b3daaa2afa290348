package dev.txrx.receiver;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.session.TransferSummary;

/**
 * How a receiving session ended.
 *
 * @param summary     the files that arrived and verified
 * @param senderEnd   the sender's SESSION_END, or null if none arrived
 * @param failedFiles files that failed their checksum
 * @param problem     why the session is not verified, or null when it is
 */
public record ReceiveResult(TransferSummary summary, Frame.SessionEnd senderEnd, int failedFiles, String problem) {

    /** True when every file verified and the totals and digest equal the sender's. */
    public boolean verified() {
        return problem == null;
    }
}
