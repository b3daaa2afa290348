package dev.txrx.common.transport;

import dev.txrx.common.text.Durations;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Connects to the sender within one budget of attempts (a {@link RetryPolicy}), saying what it
 * does. A connection that the sender turns away as busy costs an attempt of the same budget.
 * Not thread-safe: one connector per receiving session.
 */
public final class Connector {

    /** Hears about each failed attempt; the receiver prints them. */
    public interface Listener {
        void attemptFailed(int attempt, int attemptsLeft, String reason, Duration nextDelay);
    }

    /** Waits between attempts; tests replace it. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Duration connectTimeout;
    private final Listener listener;
    private final Sleeper sleeper;
    private int attempts;

    public Connector(RetryPolicy policy, Duration connectTimeout, Listener listener, Sleeper sleeper) {
        this.policy = policy;
        this.connectTimeout = connectTimeout;
        this.listener = listener;
        this.sleeper = sleeper;
    }

    /**
     * Connects to {@code host:port} in blocking mode, with the attempts left in the budget.
     *
     * @throws ConnectFailedException when the budget runs out
     */
    public SocketChannel connect(String host, int port) throws ConnectFailedException, InterruptedException {
        while (true) {
            attempts++;
            InetSocketAddress address = new InetSocketAddress(host, port);
            String reason;
            if (address.isUnresolved()) {
                reason = "cannot resolve host '" + host + "'";
            } else {
                try {
                    return open(address);
                } catch (IOException e) {
                    reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
            }
            pauseOrGiveUp(host + ":" + port, reason);
        }
    }

    /**
     * Counts the last connection as a failed attempt, for example because the sender was busy,
     * and pauses before the next one.
     *
     * @throws ConnectFailedException when that was the last attempt
     */
    public void retryLater(String target, String reason) throws ConnectFailedException, InterruptedException {
        pauseOrGiveUp(target, reason);
    }

    private void pauseOrGiveUp(String target, String reason) throws ConnectFailedException, InterruptedException {
        int left = policy.attempts() - attempts;
        if (left <= 0) {
            throw new ConnectFailedException("could not connect to " + target + " after " + policy.attempts()
                    + (policy.attempts() == 1 ? " attempt" : " attempts") + " (last error: " + reason + ")");
        }
        Duration delay = policy.delayAfter(attempts);
        listener.attemptFailed(attempts, left, reason, delay);
        sleeper.sleep(delay);
    }

    private SocketChannel open(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // The socket adaptor's connect honours a timeout; the channel's own connect does not.
            channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (e instanceof java.net.SocketTimeoutException) {
                throw new IOException("no answer within " + Durations.format(connectTimeout));
            }
            throw e;
        }
    }
}
