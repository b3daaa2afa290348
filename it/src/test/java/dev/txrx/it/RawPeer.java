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

    RawPeer requestFiles() throws IOException {
        return send(new Frame.Request(RequestKind.FILES));
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
