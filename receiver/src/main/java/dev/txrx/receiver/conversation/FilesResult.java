package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.report.Compared;
import dev.txrx.common.report.TransferSummary;
import java.util.List;

/**
 * How a FILES or GET session ended, over all its connections.
 *
 * @param summary       the files that arrived and verified
 * @param senderEnd     the sender's SESSION_END, or null if none arrived
 * @param failedFiles   files that failed their checksum
 * @param missing       names asked for that the sender does not have
 * @param problem       why the session is not verified, or null when it is
 * @param resumable     true when the session can go on over a new connection: the connection was
 *                      lost, or a file failed its checksum and must be fetched again
 * @param reconnections how many times the session connected again after losing its connection
 * @param resentBytes   bytes that arrived more than once (dropped after a cut or a failed checksum)
 * @param streamCut     true when the connection was lost during a stream, which cannot be resumed
 * @param compared      how the copies already in the output directory compared (version 3)
 */
public record FilesResult(TransferSummary summary, Frame.SessionEnd senderEnd, int failedFiles, List<String> missing,
                          String problem, boolean resumable, int reconnections, long resentBytes, boolean streamCut,
                          Compared compared)
        implements FilesAnswer {

    public FilesResult {
        missing = List.copyOf(missing);
    }

    /** A result that no cut stream ended, of a session that compared no copy. */
    public FilesResult(TransferSummary summary, Frame.SessionEnd senderEnd, int failedFiles, List<String> missing,
                       String problem, boolean resumable, int reconnections, long resentBytes) {
        this(summary, senderEnd, failedFiles, missing, problem, resumable, reconnections, resentBytes, false, Compared.NONE);
    }

    /** True when the session verified and the sender had every name asked for. */
    @Override
    public boolean complete() {
        return verified() && missing.isEmpty();
    }

    /**
     * The same result, once the session gave up connecting again ({@code why}) after
     * {@code reconnections}: what arrived is kept for the next run.
     */
    FilesResult gaveUp(String why, int reconnections) {
        return new FilesResult(summary, senderEnd, failedFiles, missing,
                problem + "; " + why + "; run the same command again to resume", resumable, reconnections,
                resentBytes, streamCut, compared);
    }
}
