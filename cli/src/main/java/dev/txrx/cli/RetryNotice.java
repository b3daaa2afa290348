package dev.txrx.cli;

import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Durations;
import dev.txrx.common.transport.Connector;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Tells the person about each failed connection attempt, for example
 * {@code receiver: host:47474: Connection refused; retrying in 500ms, 9 attempts left}.
 */
public final class RetryNotice implements Connector.Listener {

    private final String app;
    private final String target;
    private final PrintWriter err;

    /** Notices from {@code app} about connecting to {@code target}, printed to {@code err}. */
    public RetryNotice(String app, String target, PrintWriter err) {
        this.app = app;
        this.target = target;
        this.err = err;
    }

    @Override
    public void attemptFailed(int attempt, int attemptsLeft, String reason, Duration nextDelay) {
        err.println(app + ": " + target + ": " + reason + "; retrying in " + Durations.format(nextDelay) + ", "
                + Counts.of(attemptsLeft, "attempt") + " left");
        err.flush();
    }
}
