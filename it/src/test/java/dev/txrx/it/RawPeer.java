package dev.txrx.it;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameCodec;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** A hand-driven TCP peer for tests: writes raw bytes or frames, and reads what comes back. */
final class RawPeer implements AutoCloseable {

    private final Socket socket;

    RawPeer(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
    }

    RawPeer(Socket accepted) throws IOException {
        socket = accepted;
        socket.setSoTimeout(20_000);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    RawPeer send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    RawPeer send(Frame frame) throws IOException {
        return send(encode(frame));
    }

    RawPeer helloAs(Role role) throws IOException {
        return send(new Frame.Hello(FrameFormat.VERSION, role, "raw-test-peer"));
    }

    /**
     * Asks for a new session of files: REQUEST FILES and the RESUME that must follow it (the nil
     * id, no HAVE). Without the RESUME the sender waits for it and sends no file at all.
     */
    RawPeer requestFiles() throws IOException {
        return send(new Frame.Request(RequestKind.FILES)).send(new Frame.Resume(new java.util.UUID(0, 0), 0));
    }

    /** Reads at least {@code count} bytes, or fewer if the peer closes first; returns how many. */
    int read(int count) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        while (total < count) {
            int n = in.read(buffer, 0, Math.min(buffer.length, count - total));
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Reads until the peer closes; true if it did within the socket timeout, false on a timeout. */
    boolean readUntilClosed() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /**
     * Reads the peer's frames until it closes; a reset counts as a close, a socket timeout fails.
     * The frames show what the peer said before it hung up (its HELLO, an ERROR and nothing more).
     */
    java.util.List<Frame> framesUntilClosed() throws IOException {
        dev.txrx.common.protocol.FrameReader reader = new dev.txrx.common.protocol.FrameReader(
                java.nio.channels.Channels.newChannel(socket.getInputStream()));
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        try {
            for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
                frames.add(frame);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the peer did not close within the socket timeout; it sent " + frames, e);
        } catch (java.net.SocketException reset) {
            // a reset after what it sent is a close too
        }
        return frames;
    }

    /** Ends our side of the stream (FIN), still reading what the peer sends. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes with a reset instead of an orderly close. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static byte[] encode(Frame frame) {
        ByteBuffer buffer = FrameCodec.encode(frame);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
