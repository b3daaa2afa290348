package dev.txrx.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback for failure tests: it forwards between a receiver and a sender, and
 * breaks connections as planned. Each new connection takes the next {@link Plan} (none: it is
 * forwarded untouched). Faults apply to the sender-to-receiver direction, where the files flow.
 */
final class ChaosProxy implements AutoCloseable {

    /**
     * What to do to one connection.
     *
     * @param cutAfter close both sides after forwarding this many bytes to the receiver; -1 never
     * @param flipAt   invert the byte at this offset of the stream to the receiver; -1 never
     * @param onCut    run when the connection is cut, before the sockets close
     * @param stallAfter stop forwarding to the receiver, keeping the connection open, after this many bytes; -1 never
     */
    record Plan(long cutAfter, long flipAt, Runnable onCut, long stallAfter) {
        Plan(long cutAfter, long flipAt, Runnable onCut) {
            this(cutAfter, flipAt, onCut, -1);
        }

        static Plan cut(long after) {
            return new Plan(after, -1, () -> { });
        }

        static Plan flip(long at) {
            return new Plan(-1, at, () -> { });
        }

        static Plan stallAfter(long bytes) {
            return new Plan(-1, -1, () -> { }, bytes);
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Queue<Plan> plans = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    /** Bytes forwarded from the target to the clients, over every connection: what a sender put on the wire. */
    private final java.util.concurrent.atomic.AtomicLong downstream = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean stalled;
    private volatile long delayMillis;
    private final Thread acceptor;

    ChaosProxy(int targetPort) throws IOException {
        this(targetPort, 0);
    }

    /** A proxy listening on {@code listenPort} (0: any free port). */
    ChaosProxy(int targetPort, int listenPort) throws IOException {
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 50);
        acceptor = new Thread(this::acceptLoop, "chaos-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Plans for the next connections, in order. */
    void plan(Plan... next) {
        plans.addAll(java.util.List.of(next));
    }

    /** Stops forwarding anything (the connection stays open) until {@link #unstall}. */
    void stall() {
        stalled = true;
    }

    void unstall() {
        stalled = false;
    }

    /** Delays every chunk forwarded by this long. */
    void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    int connections() {
        return connections.get();
    }

    /** Bytes forwarded from the target to the clients so far, over every connection. */
    long downstreamBytes() {
        return downstream.get();
    }

    int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(target.getAddress(), target.getPort());
                } catch (IOException targetDown) {
                    // as a network path to a stopped host would: this connection ends, the next may get through
                    client.close();
                    continue;
                }
                connections.incrementAndGet();
                Plan plan = plans.poll();
                Connection connection = new Connection(client, server, plan == null ? new Plan(-1, -1, () -> { }) : plan);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One proxied connection and its two pumps. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private final Plan plan;
        private volatile boolean closed;

        Connection(Socket client, Socket server, Plan plan) {
            this.client = client;
            this.server = server;
            this.plan = plan;
        }

        void start() {
            thread(() -> pump(client, server, false), "chaos-up").start();
            thread(() -> pump(server, client, true), "chaos-down").start();
        }

        private Thread thread(Runnable body, String name) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            return thread;
        }

        private void pump(Socket from, Socket to, boolean downstream) {
            byte[] buffer = new byte[16 * 1024];
            long forwarded = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    while (stalled && !closed) {
                        Thread.sleep(10);
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    int send = n;
                    if (downstream && plan.cutAfter() >= 0) {
                        send = (int) Math.min(n, plan.cutAfter() - forwarded);
                    }
                    if (downstream && plan.stallAfter() >= 0) {
                        send = (int) Math.min(send, Math.max(0, plan.stallAfter() - forwarded));
                    }
                    if (downstream && plan.flipAt() >= forwarded && plan.flipAt() < forwarded + send) {
                        buffer[(int) (plan.flipAt() - forwarded)] ^= (byte) 0xff;
                    }
                    out.write(buffer, 0, send);
                    out.flush();
                    forwarded += send;
                    if (downstream) {
                        ChaosProxy.this.downstream.addAndGet(send);
                    }
                    if (downstream && plan.cutAfter() >= 0 && forwarded >= plan.cutAfter()) {
                        cuts.incrementAndGet();
                        plan.onCut().run();
                        break;
                    }
                    while (downstream && plan.stallAfter() >= 0 && forwarded >= plan.stallAfter() && !closed) {
                        // stalled: the connection stays open and nothing more goes through
                        Thread.sleep(10);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the other side went away, or the test is over
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            closed = true;
            try {
                client.setSoLinger(true, 0);
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                server.setSoLinger(true, 0);
                server.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
