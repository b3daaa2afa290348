package dev.txrx.it;

import dev.txrx.common.tls.Tls;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hostile peer that completes its opening, then sends one byte of {@code rest} every
 * {@code interval}, each well within any idle timeout, until the other side closes the
 * connection or the bytes run out. It reads whatever comes back, to see the close.
 */
final class Dribbler implements AutoCloseable {

    private final RawPeer peer;
    private final CountDownLatch closedByOtherSide = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean cutOff;

    /** Connects over TLS with {@code identity}, made beforehand so that many dribblers connect in quick succession. */
    Dribbler(int port, Tls identity, byte[] opening, byte[] rest, Duration interval) throws IOException {
        peer = new RawPeer(port, identity);
        peer.send(opening);
        Thread reader = new Thread(() -> {
            try {
                peer.readUntilClosed();
            } catch (IOException ignored) {
                // closed either way
            }
            closedByOtherSide.countDown();
        }, "dribbler-reader-" + peer.localPort());
        reader.setDaemon(true);
        reader.start();
        Thread writer = new Thread(() -> dribble(rest, interval), "dribbler-" + peer.localPort());
        writer.setDaemon(true);
        writer.start();
    }

    private void dribble(byte[] rest, Duration interval) {
        try {
            for (byte b : rest) {
                if (closedByOtherSide.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    cutOff = true;
                    return;
                }
                peer.send(new byte[] {b});
            }
            // out of bytes: the other side kept the connection for the whole dribble
        } catch (IOException closed) {
            cutOff = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
    }

    int localPort() {
        return peer.localPort();
    }

    /**
     * Waits until the dribble ends.
     *
     * @return true if the other side cut it off before its bytes ran out
     */
    boolean awaitCutOff(Duration limit) throws InterruptedException {
        return done.await(limit.toMillis(), TimeUnit.MILLISECONDS) && cutOff;
    }

    @Override
    public void close() throws IOException {
        peer.close();
    }
}
