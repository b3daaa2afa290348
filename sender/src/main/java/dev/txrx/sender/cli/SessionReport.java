package dev.txrx.sender.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.cli.report.TransferView;
import dev.txrx.sender.conversation.SessionOutcome;
import java.io.PrintWriter;

/**
 * Prints how each receiver's conversation ended: its totals and whether the receiver confirmed
 * them, or what a conversation without files did; with {@code --json} also one JSON object.
 * Conversations report from their own threads, so each report's lines stay together.
 */
final class SessionReport {

    private final CommandOutput output;
    private final boolean last;
    private final boolean bits;

    /**
     * Reports to {@code output}.
     *
     * @param last true when the run serves this one session ({@code --connect}, {@code --once}): its
     *             JSON object goes to the run's result, printed with the exit code; else each
     *             session's is printed as it ends
     * @param bits true to show the speed in bits per second too (memory to memory, {@code --no-save})
     */
    SessionReport(CommandOutput output, boolean last, boolean bits) {
        this.output = output;
        this.last = last;
        this.bits = bits;
    }

    /** Reports {@code outcome}; then, when {@code waiting}, says that the sender waits for the next receiver. */
    void report(SessionOutcome outcome, boolean waiting) {
        report(outcome, waiting, TransferView.NONE);
    }

    /**
     * As above, and tells {@code view} that the session ended, with its JSON summary, before the
     * lines for a person: the progress line goes, and the JSON stream ends with it.
     */
    void report(SessionOutcome outcome, boolean waiting, TransferView view) {
        ObjectNode summary = json(outcome);
        view.ended(summary);
        PrintWriter human = output.human();
        synchronized (human) {
            if (outcome.activity() != null) {
                human.println("receiver " + outcome.peer() + ": " + outcome.activity()
                        + (outcome.problem() == null ? "" : " (" + outcome.problem() + ")"));
            } else {
                human.println(outcome.summary().line(bits));
                if (outcome.compared().any()) {
                    human.println(outcome.compared().line());
                }
                if (outcome.resume() != null) {
                    human.println(outcome.resume());
                }
            }
            if (outcome.activity() != null) {
                // a session without files has nothing to confirm
            } else if (outcome.succeeded()) {
                human.println("receiver " + outcome.peer() + " confirmed: totals and digest match");
            } else {
                human.println("receiver " + outcome.peer() + " did NOT confirm the session: " + outcome.problem());
            }
            if (waiting) {
                human.println("waiting for a receiver (Ctrl-C to stop)");
            }
            human.flush();
        }
        if (last) {
            output.result().summary(json(outcome), outcome.succeeded() ? null
                    : outcome.problem() != null ? outcome.problem() : "the receiver did not confirm the session");
        } else if (output.json()) {
            PrintWriter json = output.out();
            synchronized (json) {
                JsonOutput.print(json, summary);
            }
        }
    }

    static ObjectNode json(SessionOutcome outcome) {
        ObjectNode node = JsonOutput.of(outcome.summary());
        node.put("role", "sender");
        node.put("peer", outcome.peer());
        node.put("confirmed", outcome.succeeded());
        JsonOutput.putCompared(node, outcome.compared());
        if (outcome.activity() != null) {
            node.put("activity", outcome.activity());
        }
        if (outcome.problem() != null) {
            node.put("problem", outcome.problem());
        }
        return node;
    }
}
