package dev.txrx.sender.server;

import dev.txrx.sender.conversation.RequestDispatcher;
import dev.txrx.sender.conversation.SessionOutcome;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What {@code sender --once} waits for: one session, which may span connections. A connection
 * that did not end the session well (it was cut, a file failed its checksum, the handshake broke)
 * leaves the receiver a chance to come back and resume; the session is over when a connection
 * succeeds, when a conversation without files ends, when the sender stops, or when no connection
 * has run for {@link #giveUp} since the last one ended: then it is given up, with that
 * connection's outcome. Told about connections from their threads; awaited by the serving thread.
 */
final class OnceSession {

    /** How long a stop waits for the running connection to send its SESSION_END and report. */
    private static final Duration STOP_WAIT = RequestDispatcher.STOP_GRACE.plus(Duration.ofSeconds(1));

    private final Duration giveUp;
    /** True once the content, sent once only (a stream), was claimed: whatever ends its session, nothing can resume it. */
    private final BooleanSupplier spent;
    private int running;
    /** The outcome of the last connection that ended without ending the session. */
    private SessionOutcome last;
    private long lastEndedNanos;
    private SessionOutcome result;
    private boolean stopped;

    /** Gives the session up after {@code giveUp} without a connection. */
    OnceSession(Duration giveUp) {
        this(giveUp, () -> false);
    }

    /** As above; once {@code spent} says the content was claimed, the connection that ends next ends the session. */
    OnceSession(Duration giveUp, BooleanSupplier spent) {
        this.giveUp = giveUp;
        this.spent = spent;
    }

    /** A connection started. */
    synchronized void started() {
        running++;
    }

    /**
     * A connection ended with {@code outcome}; null when its conversation failed unexpectedly. A
     * refused request is no session: the sender goes on waiting for one.
     */
    synchronized void ended(SessionOutcome outcome) {
        running--;
        if (outcome == null || outcome.refused()) {
            notifyAll();
            return;
        }
        if (outcome.succeeded() || outcome.activity() != null || spent.getAsBoolean()) {
            result = outcome;
        } else {
            last = outcome;
            lastEndedNanos = System.nanoTime();
        }
        notifyAll();
    }

    /** The sender stops: the session ends with the outcome it has. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /**
     * Waits until the session is over.
     *
     * @return the outcome that ended it, or the last connection's when it was given up or the
     *     sender stopped; null when no connection ran at all
     */
    synchronized SessionOutcome await() throws InterruptedException {
        long stopDeadline = 0;
        while (result == null) {
            if (stopped) {
                // the connections still running end in a moment, with the stop's outcome
                if (stopDeadline == 0) {
                    stopDeadline = System.nanoTime() + STOP_WAIT.toNanos();
                }
                long left = stopDeadline - System.nanoTime();
                if (running == 0 || left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            } else if (running > 0 || last == null) {
                // no deadline while a connection runs, nor before the first
                wait();
            } else {
                long left = giveUp.toNanos() - (System.nanoTime() - lastEndedNanos);
                if (left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return result != null ? result : last;
    }
}
