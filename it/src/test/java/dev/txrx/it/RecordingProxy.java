package dev.txrx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy on loopback that forwards one connection to a target port and records every byte
 * that crosses it, in each direction: what someone on the network would capture.
 */
final class RecordingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ByteArrayOutputStream upstream = new ByteArrayOutputStream();
    private final ByteArrayOutputStream downstream = new ByteArrayOutputStream();
    private final Thread acceptor;

    RecordingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::serve, "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** What the connecting side sent, as it crossed the wire. */
    byte[] upstream() {
        synchronized (upstream) {
            return upstream.toByteArray();
        }
    }

    /** What the listening side sent, as it crossed the wire. */
    byte[] downstream() {
        synchronized (downstream) {
            return downstream.toByteArray();
        }
    }

    private void serve() {
        try (Socket client = server.accept();
             Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            Thread back = pump(target.getInputStream(), client.getOutputStream(), downstream, client);
            pump(client.getInputStream(), target.getOutputStream(), upstream, target).join();
            back.join();
        } catch (IOException | InterruptedException e) {
            // the test sees what was recorded so far
        }
    }

    private static Thread pump(InputStream in, OutputStream out, ByteArrayOutputStream record, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (record) {
                        record.write(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // one side went away
            }
        }, "recording-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
