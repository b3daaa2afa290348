package dev.txrx.it;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameCodec;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import java.io.IOException;
import dev.txrx.common.tls.Tls;
import dev.txrx.common.tls.TlsChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * A hand-driven peer for tests: writes raw bytes or frames, and reads what comes back. Over TLS
 * by default, with an identity of its own and the tests' token in its HELLO (as an attacker with
 * a client certificate of its own would be); {@link #plain} for the bytes on the wire themselves.
 */
final class RawPeer implements AutoCloseable {

    private final Socket socket;
    private final boolean tls;
    private final InputStream in;
    private final OutputStream out;
    private dev.txrx.common.protocol.FrameReader frames;

    /** Connects to {@code port} on loopback over TLS, with a new identity. */
    RawPeer(int port) throws IOException {
        this(port, TestSecurity.tls());
    }

    /**
     * Connects to {@code port} on loopback over TLS with {@code identity}, made beforehand: making
     * one takes longer than connecting, which matters to peers that must all connect at once.
     */
    RawPeer(int port, Tls identity) throws IOException {
        this(connect(port), identity, false);
    }

    /** Speaks TLS, as the listening side, on a connection a test accepted. */
    RawPeer(Socket accepted) throws IOException {
        this(accepted, TestSecurity.tls(), true);
    }

    /** Over TLS with {@code ours}, or in clear if it is null. */
    private RawPeer(Socket socket, Tls ours, boolean listening) throws IOException {
        this.socket = socket;
        this.tls = ours != null;
        socket.setSoTimeout(20_000);
        if (ours == null) {
            in = socket.getInputStream();
            out = socket.getOutputStream();
            return;
        }
        ByteChannel raw = new SocketStreams(socket);
        TlsChannel channel = listening ? ours.accept(raw) : ours.connect(raw, "127.0.0.1", socket.getPort(),
                (host, port, certificate) -> { });
        channel.handshake();
        in = Channels.newInputStream(channel);
        out = Channels.newOutputStream(channel);
    }

    /** Connects to {@code port} on loopback in clear: what it sends is what crosses the wire. */
    static RawPeer plain(int port) throws IOException {
        return new RawPeer(connect(port), null, false);
    }

    /** Speaks in clear on a connection a test accepted. */
    static RawPeer plain(Socket accepted) throws IOException {
        return new RawPeer(accepted, null, true);
    }

    private static Socket connect(int port) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    RawPeer send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RawPeer send(Frame frame) throws IOException {
        return send(encode(frame));
    }

    /** Our HELLO as {@code role}; over TLS it presents the tests' token. */
    RawPeer helloAs(Role role) throws IOException {
        return send(hello(role, "raw-test-peer"));
    }

    /** A HELLO of this implementation's version as {@code role}, with the tests' token when over TLS. */
    Frame.Hello hello(Role role, String agent) {
        return new Frame.Hello(FrameFormat.VERSION, role, agent, null, tls ? TestSecurity.TOKEN.reveal() : "");
    }

    /**
     * Asks for a new session of files: REQUEST FILES and the RESUME that must follow it (the nil
     * id, no HAVE). Without the RESUME the sender waits for it and sends no file at all.
     */
    RawPeer requestFiles() throws IOException {
        return send(new Frame.Request(RequestKind.FILES)).send(new Frame.Resume(new java.util.UUID(0, 0), 0));
    }

    /** The next frame the peer sends, or null when it closed. */
    Frame nextFrame() throws IOException {
        return reader().next();
    }

    /**
     * The frames the peer sends, decrypted when over TLS: one reader for the whole connection, the
     * one {@link #nextFrame} and {@link #framesUntilClosed} read from too.
     */
    dev.txrx.common.protocol.FrameReader reader() {
        if (frames == null) {
            frames = new dev.txrx.common.protocol.FrameReader(Channels.newChannel(in));
        }
        return frames;
    }

    /** Reads at least {@code count} bytes, or fewer if the peer closes first; returns how many. */
    int read(int count) throws IOException {
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
        dev.txrx.common.protocol.FrameReader reader = reader();
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
