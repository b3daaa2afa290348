package dev.txrx.receiver.conversation;

import dev.txrx.common.text.Addresses;
import dev.txrx.common.transport.ConnectionSettings;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.transport.Agent;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.transport.RetryPolicy;
import dev.txrx.common.transport.Security;
import dev.txrx.receiver.store.StoreSettings;
import java.time.Duration;

/**
 * Everything a receiver needs, checked and converted from the command line.
 *
 * @param host    the sender's host; with {@code --listen} the address comes from {@code --bind}
 * @param port    the sender's port, or with {@code --listen} the port to listen on
 * @param request what to ask the sender for: everything, the catalogue, or some names
 * @param store   where and how the files that arrive are kept
 * @param minRate bytes per second an uploading sender must move while {@code --listen} waits on it
 *                ({@code --min-rate}), 0 for none
 * @param security TLS, and what the receiver presents (connecting) or whom it admits ({@code --listen})
 */
public record ReceiverSettings(String host, int port, RetryPolicy retry, Duration connectTimeout,
                               Duration handshakeTimeout, Duration idleTimeout, Frame.Request request,
                               StoreSettings store, long minRate, Security security) {

    /** Settings with the default minimum rate. */
    public ReceiverSettings(String host, int port, RetryPolicy retry, Duration connectTimeout,
                            Duration handshakeTimeout, Duration idleTimeout, Frame.Request request,
                            StoreSettings store) {
        this(host, port, retry, connectTimeout, handshakeTimeout, idleTimeout, request, store,
                ConnectionSettings.DEFAULT_MIN_RATE, Security.PLAIN);
    }

    /** The sender as messages name it: {@code host:port}, {@code [::1]:port}. */
    public String target() {
        return Addresses.of(host, port);
    }

    /** How this receiver's connections behave. */
    public ConnectionSettings connection() {
        return new ConnectionSettings(Role.RECEIVER, Agent.of("receiver"), handshakeTimeout, idleTimeout,
                FrameReader.DEFAULT_BUFFER_SIZE, false, minRate, null, security);
    }

    /** A connector to the sender within the retry budget, telling {@code notices} of each failed attempt. */
    public Connector connector(Connector.Listener notices) {
        return connector(notices, duration -> Thread.sleep(duration.toMillis()));
    }

    /** As above, pausing between attempts with {@code pauses}: Ctrl-C wakes it without an interrupt. */
    public Connector connector(Connector.Listener notices, Connector.Sleeper pauses) {
        return new Connector(retry, connectTimeout, notices, pauses);
    }

    /** The same settings storing as {@code other} says. */
    public ReceiverSettings withStore(StoreSettings other) {
        return new ReceiverSettings(host, port, retry, connectTimeout, handshakeTimeout, idleTimeout, request, other,
                minRate, security);
    }

    /** The same settings protected as {@code other} says. */
    public ReceiverSettings withSecurity(Security other) {
        return new ReceiverSettings(host, port, retry, connectTimeout, handshakeTimeout, idleTimeout, request, store,
                minRate, other);
    }
}
