package dev.txrx.sender.cli;

import dev.txrx.cli.RunLog;
import dev.txrx.sender.conversation.SessionOutcome;

/** The sender's outcome line in the log file, one per session ({@link RunLog}). */
final class OutcomeLog {

    private OutcomeLog() {
    }

    /**
     * Logs how {@code outcome}'s session ended. A refused request is no session: the conversation
     * logged the refusal, and nothing more is said.
     */
    static void log(SessionOutcome outcome) {
        if (outcome.refused()) {
            return;
        }
        if (outcome.activity() != null) {
            RunLog.activity("receiver", outcome.peer(), outcome.activity(), outcome.summary().elapsed(),
                    outcome.problem() == null ? "done" : "failed: " + outcome.problem());
            return;
        }
        RunLog.session("receiver", outcome.peer(), outcome.summary(),
                (outcome.succeeded() ? "confirmed" : "NOT confirmed: " + outcome.problem())
                        + (outcome.compared().any() ? "; " + outcome.compared().line() : ""));
    }
}
