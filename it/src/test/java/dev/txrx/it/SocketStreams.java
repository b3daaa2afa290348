package dev.txrx.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * A socket's streams as one channel, for TLS under a test's raw peer: reads keep the socket's
 * timeout, which a socket channel's would not.
 */
final class SocketStreams implements ByteChannel {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SocketStreams(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        byte[] bytes = new byte[Math.min(dst.remaining(), 64 * 1024)];
        int n = in.read(bytes);
        if (n > 0) {
            dst.put(bytes, 0, n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        byte[] bytes = new byte[n];
        src.get(bytes);
        out.write(bytes);
        return n;
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
