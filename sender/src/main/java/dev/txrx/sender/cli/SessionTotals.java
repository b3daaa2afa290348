package dev.txrx.sender.cli;

import dev.txrx.common.text.ByteSizes;
import dev.txrx.sender.conversation.SessionOutcome;

/** What every session so far sent, for the line printed at shutdown. Sessions add to it from their threads. */
final class SessionTotals {

    private long sessions;
    private long confirmed;
    private long files;
    private long bytes;

    synchronized void add(SessionOutcome outcome) {
        sessions++;
        confirmed += outcome.succeeded() ? 1 : 0;
        files += outcome.summary().files();
        bytes += outcome.summary().bytes();
    }

    synchronized String line() {
        return "served " + sessions + (sessions == 1 ? " receiver" : " receivers") + " (" + confirmed
                + " confirmed), sent " + files + " files, " + bytes + " bytes (" + ByteSizes.format(bytes)
                + ") in total";
    }
}
