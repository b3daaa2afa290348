package dev.txrx.common.transport;

import dev.txrx.common.text.Addresses;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Reasons;
import dev.txrx.common.text.Durations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The connecting side of both apps: connects to a peer within one budget of attempts (a
 * {@link RetryPolicy}), saying what it does, and runs conversations over the connections. A peer
 * that turns a connection away as busy (ERROR BUSY) costs an attempt of the same budget, and is
 * recognised here and nowhere else. A refusal ({@link Failure.Refused}: an untrusted identity, an
 * unauthorized peer, TLS against {@code --plain}) ends the attempts at once, and so does a host name
 * that does not resolve: no retry can fix either. Not thread-safe: one connector per session.
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

    /** Finds the address of a host name; tests replace it, so that no test depends on DNS. */
    public interface Resolver {
        /** The system's resolver. */
        Resolver SYSTEM = InetAddress::getByName;

        /** The address of {@code host}. @throws UnknownHostException when the name does not resolve */
        InetAddress resolve(String host) throws UnknownHostException;
    }

    private final RetryPolicy policy;
    private final Duration connectTimeout;
    private final Listener listener;
    private final Sleeper sleeper;
    private final Resolver resolver;
    private int attempts;

    /**
     * What to do over successive connections of one session.
     *
     * @param <R> the conversations' result
     */
    public interface Attempts<R> {
        /** The conversation for the next connection. */
        Conversation<R> next();

        /**
         * Hears about each connection before its handshake, so that another thread can cancel it
         * (Ctrl-C) however far it got.
         */
        default void connected(PeerConnection connection) {
        }

        /**
         * Whether to connect again after {@code ended} (for example to resume after a lost
         * connection); a BUSY refusal is retried without asking.
         */
        default boolean again(Ended<R> ended) {
            return false;
        }

        /**
         * Why the session connects again after {@code ended}, for the notice of the next attempt
         * (and the last error if there is none): by default the failure that ended it.
         */
        default String againBecause(Ended<R> ended) {
            return ended.failure() == null ? "connecting again" : ended.failure().message();
        }

        /** The session the next connection's HELLO names as the one it continues, or null for none. */
        default java.util.UUID session() {
            return null;
        }

        /** The result when the budget ran out while trying to connect again after {@code last}. */
        default R gaveUp(Ended<R> last, ConnectFailedException why) throws ConnectFailedException {
            throw why;
        }
    }

    public Connector(RetryPolicy policy, Duration connectTimeout, Listener listener, Sleeper sleeper) {
        this(policy, connectTimeout, listener, sleeper, Resolver.SYSTEM);
    }

    /** A connector that finds host addresses with {@code resolver}. */
    public Connector(RetryPolicy policy, Duration connectTimeout, Listener listener, Sleeper sleeper,
                     Resolver resolver) {
        this.policy = policy;
        this.connectTimeout = connectTimeout;
        this.listener = listener;
        this.sleeper = sleeper;
        this.resolver = resolver;
    }

    /**
     * Connects to {@code host:port} and runs conversations until one ends in a way that
     * {@code attempts} does not want to retry, or the budget runs out.
     *
     * @return the last conversation's result
     * @throws ConnectFailedException when the budget runs out before any conversation could run
     *     (refusals as busy included), or at once when the sides refused each other
     */
    public <R> R converse(String host, int port, ConnectionSettings settings, StallWatchdog watchdog,
                          Attempts<R> attempts) throws ConnectFailedException, InterruptedException {
        String target = Addresses.of(host, port);
        Ended<R> last = null;
        while (true) {
            SocketChannel socket;
            try {
                socket = connect(host, port);
            } catch (ConnectFailedException e) {
                if (last == null) {
                    throw e;
                }
                return attempts.gaveUp(last, e);
            }
            PeerConnection connection = PeerConnection.connected(socket, host, port,
                    settings.listening(false).withSession(attempts.session()), watchdog);
            attempts.connected(connection);
            Ended<R> ended = connection.run(attempts.next());
            if (ended.failure() instanceof Failure.Refused refused) {
                // nothing of the session was exchanged, and another attempt would be refused the same way
                throw new ConnectFailedException(refused);
            }
            try {
                if (ended.busy()) {
                    retryLater(target, ended.failure().message(), true);
                    continue;
                }
                if (!attempts.again(ended)) {
                    return ended.result();
                }
                last = ended;
                retryLater(target, attempts.againBecause(ended), false);
            } catch (ConnectFailedException e) {
                if (last == null) {
                    throw e;
                }
                return attempts.gaveUp(last, e);
            }
        }
    }

    /**
     * Connects to {@code host:port} in blocking mode, with the attempts left in the budget.
     *
     * @throws ConnectFailedException when the budget runs out, or at once when {@code host} does not resolve
     */
    public SocketChannel connect(String host, int port) throws ConnectFailedException, InterruptedException {
        while (true) {
            attempts++;
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(resolver.resolve(host), port);
            } catch (UnknownHostException e) {
                // a name that does not resolve now will not resolve in the next half second either
                throw ConnectFailedException.unresolved("cannot resolve host '" + host + "'");
            }
            String reason;
            try {
                return open(address);
            } catch (IOException e) {
                reason = Reasons.of(e);
            }
            pauseOrGiveUp(Addresses.of(host, port), reason, false);
        }
    }

    /**
     * Counts the last connection as a failed attempt, for example because the sender was busy,
     * and pauses before the next one.
     *
     * @throws ConnectFailedException when that was the last attempt
     */
    public void retryLater(String target, String reason) throws ConnectFailedException, InterruptedException {
        pauseOrGiveUp(target, reason, false);
    }

    private void retryLater(String target, String reason, boolean busy)
            throws ConnectFailedException, InterruptedException {
        pauseOrGiveUp(target, reason, busy);
    }

    private void pauseOrGiveUp(String target, String reason, boolean busy)
            throws ConnectFailedException, InterruptedException {
        int left = policy.attempts() - attempts;
        if (left <= 0) {
            throw new ConnectFailedException("could not connect to " + target + " after "
                    + Counts.of(policy.attempts(), "attempt") + " (last error: " + reason + ")", busy);
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
