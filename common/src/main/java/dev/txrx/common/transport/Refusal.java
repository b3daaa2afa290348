package dev.txrx.common.transport;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.tls.NotTlsException;
import dev.txrx.common.tls.TlsChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Turns a connection away with a reason it can read: our HELLO, an ERROR, a half-close, then
 * reading whatever the peer sends until it closes (or a short time passes), so that our close
 * does not reset the connection before the peer has read the ERROR. Over TLS when the listening
 * side speaks it.
 */
public final class Refusal {

    /** How long a refused peer has to read why, and close, before our close resets the connection. */
    static final Duration LINGER = Duration.ofSeconds(1);
    /**
     * How long a refusal over TLS may take for its handshake, before the linger: a loaded machine
     * takes more than a second for a few at once, and a peer that does not get through reads a
     * failed handshake, which it does not retry, instead of BUSY.
     */
    static final Duration TLS_HANDSHAKE = Duration.ofSeconds(5);

    private Refusal() {
    }

    /** Refuses {@code socket} with {@code code} and {@code message}, as {@code settings} protect it; closes it. */
    public static void refuse(SocketChannel socket, ConnectionSettings settings, ErrorCode code, String message,
                              StallWatchdog watchdog) {
        Duration limit = settings.security().plain() ? LINGER : LINGER.plus(TLS_HANDSHAKE);
        try (StallWatchdog.Watch watch = watchdog.watch(socket, limit, "refusing")) {
            watch.expectWithin("refusing", limit);
            WatchedChannel raw = new WatchedChannel(socket, watch);
            ByteChannel channel = raw;
            if (!settings.security().plain()) {
                TlsChannel tls = settings.security().tls().accept(raw);
                try {
                    tls.handshake();
                    channel = tls;
                } catch (NotTlsException e) {
                    // a peer in clear reads the refusal in clear
                }
            }
            tell(channel, socket, settings.self(), settings.agent(), code, message);
        } catch (IOException ignored) {
            // the peer went away first; nothing more to tell it
        } finally {
            Connections.abort(socket);
        }
    }

    /**
     * Answers a peer in clear on {@code raw}, within the deadline its watch already has: our HELLO
     * and an ERROR, then the linger. The caller closes the socket.
     */
    static void answer(WatchedChannel raw, SocketChannel socket, Role self, String agent, ErrorCode code,
                       String message) {
        try {
            tell(raw, socket, self, agent, code, message);
        } catch (IOException ignored) {
            // the peer went away first; nothing more to tell it
        }
    }

    private static void tell(ByteChannel channel, SocketChannel socket, Role self, String agent, ErrorCode code,
                             String message) throws IOException {
        FrameWriter writer = new FrameWriter(channel);
        writer.write(new Frame.Hello(FrameFormat.VERSION, self, agent));
        writer.write(Frame.Error.truncating(code, message));
        linger(channel, socket);
    }

    /**
     * After our last frame: ends our side of the stream and reads whatever the peer still sends
     * until it closes, or until the caller's watch ends the wait. Closing with the peer's frames
     * unread would reset the connection, and the reset can overtake our ERROR: the peer would see
     * a broken connection, which it may retry, instead of the reason, which it must not.
     */
    static void linger(ByteChannel channel, SocketChannel socket) throws IOException {
        socket.shutdownOutput();
        ByteBuffer sink = ByteBuffer.allocate(1024);
        while (channel.read(sink.clear()) >= 0) {
            // discard
        }
    }
}
