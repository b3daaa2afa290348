package dev.txrx.common.transport;

import dev.txrx.common.protocol.Role;
import java.time.Duration;

/**
 * How the connections of one side behave: the role and HELLO, the deadlines, the minimum rate,
 * and the {@link Security} (TLS, what is presented, whom it admits). Each {@link PeerConnection}
 * runs with one.
 *
 * @param self             our role
 * @param agent            our HELLO's agent string
 * @param handshakeTimeout the deadline for the handshake (for a sending peer: the HELLO and the REQUEST)
 * @param idleTimeout      how long one read or write may make no progress
 * @param readBuffer       the frame reader's buffer size
 * @param listening        true on the side that accepted the connection: a peer's failure is
 *                         then a warning in the log, the only place that reports it
 * @param minRate          bytes per second a peer that connected to us must move while we wait
 *                         on it, over each {@code idleTimeout} of waiting ({@link MinimumRate}); 0
 *                         for none. It applies only where {@code listening}: that is where a
 *                         dribbling peer holds a slot that a genuine one needs.
 * @param session          the session our HELLO names as the one we continue, or null for none
 * @param security         TLS or clear, what we present and whom we admit
 */
public record ConnectionSettings(Role self, String agent, Duration handshakeTimeout, Duration idleTimeout,
                                 int readBuffer, boolean listening, long minRate, java.util.UUID session,
                                 Security security) {

    /** The default minimum rate: 128 bytes per second, 3.75 KiB per 30 s of waiting. */
    public static final long DEFAULT_MIN_RATE = 128;

    /** Settings with the {@linkplain #DEFAULT_MIN_RATE default minimum rate}, whose HELLO names no session. */
    public ConnectionSettings(Role self, String agent, Duration handshakeTimeout, Duration idleTimeout, int readBuffer,
                              boolean listening) {
        this(self, agent, handshakeTimeout, idleTimeout, readBuffer, listening, DEFAULT_MIN_RATE, null,
                Security.PLAIN);
    }

    /** Settings with a minimum rate, whose HELLO names no session. */
    public ConnectionSettings(Role self, String agent, Duration handshakeTimeout, Duration idleTimeout, int readBuffer,
                              boolean listening, long minRate) {
        this(self, agent, handshakeTimeout, idleTimeout, readBuffer, listening, minRate, null, Security.PLAIN);
    }

    /** The same settings with another reader buffer size. */
    public ConnectionSettings withReadBuffer(int size) {
        return new ConnectionSettings(self, agent, handshakeTimeout, idleTimeout, size, listening, minRate, session,
                security);
    }

    /** The same settings for the side that accepted ({@code true}) or made ({@code false}) the connection. */
    public ConnectionSettings listening(boolean accepted) {
        return new ConnectionSettings(self, agent, handshakeTimeout, idleTimeout, readBuffer, accepted, minRate, session,
                security);
    }

    /** The same settings with another minimum rate, in bytes per second (0: none). */
    public ConnectionSettings withMinRate(long bytesPerSecond) {
        return new ConnectionSettings(self, agent, handshakeTimeout, idleTimeout, readBuffer, listening, bytesPerSecond,
                session, security);
    }

    /** The minimum rate a connection with these settings enforces. */
    public MinimumRate minimumRate() {
        return listening && minRate > 0 ? new MinimumRate(minRate, idleTimeout) : MinimumRate.NONE;
    }

    /** The same settings, our HELLO naming {@code continued} as the session we continue (null: none). */
    public ConnectionSettings withSession(java.util.UUID continued) {
        return new ConnectionSettings(self, agent, handshakeTimeout, idleTimeout, readBuffer, listening, minRate, continued,
                security);
    }

    /** The same settings, protected and admitting as {@code other} says. */
    public ConnectionSettings withSecurity(Security other) {
        return new ConnectionSettings(self, agent, handshakeTimeout, idleTimeout, readBuffer, listening, minRate, session,
                other);
    }
}
