package dev.txrx.receiver;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.report.TransferSummary;
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
 * @param resumable   true when the session can go on over a new connection: the connection was
 *                    lost, or a file failed its checksum and must be fetched again
 * @param reconnections how many times the session connected again after losing its connection
 * @param resentBytes bytes that arrived more than once (dropped after a cut or a failed checksum)
 */
public record ReceiveResult(TransferSummary summary, Frame.SessionEnd senderEnd, int failedFiles,
                            ErrorCode peerError, List<Frame.Entry> catalogue, List<String> missing,
                            TrickleView.Totals stream, String problem, boolean resumable, int reconnections,
                            long resentBytes) {

    /** A result of one connection, before reconnections are counted. */
    ReceiveResult(TransferSummary summary, Frame.SessionEnd senderEnd, int failedFiles, ErrorCode peerError,
                  List<Frame.Entry> catalogue, List<String> missing, TrickleView.Totals stream, String problem,
                  boolean resumable) {
        this(summary, senderEnd, failedFiles, peerError, catalogue, missing, stream, problem, resumable, 0, 0);
    }

    public ReceiveResult {
        catalogue = List.copyOf(catalogue);
        missing = List.copyOf(missing);
    }

    /** The same result with another problem. */
    ReceiveResult withProblem(String other) {
        return new ReceiveResult(summary, senderEnd, failedFiles, peerError, catalogue, missing, stream, other,
                resumable, reconnections, resentBytes);
    }

    /** The same result, with how many times the session reconnected and how many bytes came twice. */
    ReceiveResult withReconnections(int count, long resent) {
        return new ReceiveResult(summary, senderEnd, failedFiles, peerError, catalogue, missing, stream, problem,
                resumable, count, resent);
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
