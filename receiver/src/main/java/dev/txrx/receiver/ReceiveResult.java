package dev.txrx.receiver;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.session.TransferSummary;
import java.util.List;

/**
 * How a receiving session ended.
 *
 * @param summary     the files that arrived and verified
 * @param senderEnd   the sender's SESSION_END, or null if none arrived
 * @param failedFiles files that failed their checksum
 * @param peerError   the code of the sender's ERROR frame, or null if it sent none
 * @param catalogue   the sender's entries, for a LIST request
 * @param missing     names asked for that the sender does not have
 * @param stream      what a trickle stream delivered, or null for a file session
 * @param problem     why the session is not verified, or null when it is
 */
public record ReceiveResult(TransferSummary summary, Frame.SessionEnd senderEnd, int failedFiles,
                            ErrorCode peerError, List<Frame.Entry> catalogue, List<String> missing,
                            TrickleView.Totals stream, String problem) {

    public ReceiveResult {
        catalogue = List.copyOf(catalogue);
        missing = List.copyOf(missing);
    }

    /** True when every file verified and the totals and digest equal the sender's. */
    public boolean verified() {
        return problem == null;
    }

    /** True when the sender turned the connection away because it serves its maximum already. */
    public boolean senderBusy() {
        return peerError == ErrorCode.BUSY;
    }
}
