package dev.txrx.sender.cli;

import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Counts;
import dev.txrx.sender.conversation.SessionOutcome;

/**
 * What every receiver served so far was sent, for the line printed at shutdown. Conversations add
 * to it from their threads.
 */
final class SessionTotals {

    private long receivers;
    private long confirmed;
    private long files;
    private long bytes;

    synchronized void add(SessionOutcome outcome) {
        if (outcome.refused()) {
            return; // no session: nothing was served
        }
        receivers++;
        confirmed += outcome.succeeded() ? 1 : 0;
        files += outcome.summary().files();
        bytes += outcome.summary().bytes();
    }

    synchronized String line() {
        return "served " + Counts.of(receivers, "receiver") + " (" + confirmed + " confirmed), sent "
                + Counts.of(files, "file") + ", " + Counts.of(bytes, "byte") + " (" + ByteSizes.format(bytes)
                + ") in total";
    }
}
