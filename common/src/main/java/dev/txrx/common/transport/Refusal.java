package dev.txrx.common.transport;

import dev.txrx.common.transport.Connections;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.WatchedChannel;
import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Turns a connection away with a reason it can read: our HELLO, an ERROR, a half-close, then
 * reading whatever the peer sends until it closes (or a short time passes), so that our close
 * does not reset the connection before the peer has read the ERROR.
 */
public final class Refusal {

    private static final Duration LINGER = Duration.ofSeconds(1);

    private Refusal() {
    }

    /** Refuses {@code socket} with {@code code} and {@code message}; closes it in every case. */
    public static void refuse(SocketChannel socket, Role self, String agent, ErrorCode code, String message,
                              StallWatchdog watchdog) {
        try (StallWatchdog.Watch watch = watchdog.watch(socket, LINGER, "refusing")) {
            watch.expectWithin("refusing", LINGER);
            WatchedChannel channel = new WatchedChannel(socket, watch);
            FrameWriter writer = new FrameWriter(channel);
            writer.write(new Frame.Hello(FrameFormat.VERSION, self, agent));
            writer.write(Frame.Error.truncating(code, message));
            socket.shutdownOutput();
            ByteBuffer sink = ByteBuffer.allocate(1024);
            while (channel.read(sink.clear()) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // the peer went away first; nothing more to tell it
        } finally {
            Connections.abort(socket);
        }
    }
}
