package dev.txrx.receiver.cli;

import dev.txrx.cli.RunLog;
import dev.txrx.common.text.Counts;
import dev.txrx.receiver.conversation.CatalogueResult;
import dev.txrx.receiver.conversation.DryRunResult;
import dev.txrx.receiver.conversation.FilesAnswer;
import dev.txrx.receiver.conversation.FilesResult;
import dev.txrx.receiver.conversation.PingResult;
import dev.txrx.receiver.conversation.TrickleResult;

/** The receiver's outcome line in the log file, one per session ({@link RunLog}). */
final class OutcomeLog {

    private static final String PEER_ROLE = "sender";

    private OutcomeLog() {
    }

    /** Logs how a FILES or GET session with {@code peer} ended; a refused request is no session, and is not logged here. */
    static void log(String peer, FilesAnswer answer) {
        if (answer instanceof FilesResult files) {
            RunLog.session(PEER_ROLE, peer, files.summary(), verdict(files));
        } else if (answer instanceof DryRunResult dryRun) {
            RunLog.activity(PEER_ROLE, peer, "dry run: " + Counts.of(dryRun.wouldFetch(), "file") + " would be fetched, "
                    + dryRun.upToDate() + " up to date", null, dryRun.problem() == null ? "done" : "failed: " + dryRun.problem());
        } else if (answer instanceof TrickleResult stream) {
            RunLog.activity(PEER_ROLE, peer, "received " + Counts.of(stream.symbols(), "symbol"), null,
                    stream.left() ? "left the stream" : "ended: " + stream.problem());
        }
    }

    /** Logs how a catalogue from {@code peer} ended. */
    static void log(String peer, CatalogueResult result) {
        if (result.refused() == null) {
            RunLog.activity(PEER_ROLE, peer, "listed " + Counts.of(result.entries().size(), "entry"),
                    result.summary().elapsed(), result.problem() == null ? "done" : "failed: " + result.problem());
        }
    }

    /** Logs how a ping run against {@code peer} ended. */
    static void log(String peer, PingResult result) {
        RunLog.activity(PEER_ROLE, peer, Counts.of(result.sent(), "ping") + " sent, " + result.answered()
                + " answered, " + result.mismatched() + " mismatched", null,
                result.problem() == null ? "done" : "failed: " + result.problem());
    }

    private static String verdict(FilesResult files) {
        if (!files.verified()) {
            return "NOT verified: " + files.problem();
        }
        String compared = files.compared().any() ? "; " + files.compared().line() : "";
        return files.missing().isEmpty() ? "verified" + compared
                : "verified" + compared + "; not found on the sender: " + String.join(", ", files.missing());
    }
}
