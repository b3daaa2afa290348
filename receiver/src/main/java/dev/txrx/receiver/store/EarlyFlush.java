package dev.txrx.receiver.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable file starts writing its data back to the disk after every so many bytes, on another
 * thread, while more arrive, so that the {@code fsync} of its commit has little left to wait for.
 * One flush at a time: a file that grows faster than the disk takes skips the flushes it would
 * queue. Not thread-safe: one file, one receiving thread.
 */
final class EarlyFlush {

    /** Bytes between two flushes, unless a test asks for fewer. */
    static final long EVERY_BYTES = 256L << 20;

    private static final Logger log = LoggerFactory.getLogger(EarlyFlush.class);

    private final ExecutorService flushers;
    private final long every;
    /** Bytes written since the last flush began. */
    private long unflushed;
    private int flushes;
    /** The flush under way or last begun, if any. */
    private Future<?> running;

    /** Flushes on {@code flushers} after every {@code every} bytes. */
    EarlyFlush(ExecutorService flushers, long every) {
        this.flushers = flushers;
        this.every = every;
    }

    /** Counts {@code bytes} about to be written to {@code channel}, and starts a flush if one is due. */
    void wrote(FileChannel channel, long bytes) {
        unflushed += bytes;
        if (unflushed >= every && (running == null || running.isDone())) {
            unflushed = 0;
            flushes++;
            running = flushers.submit(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /** Waits for the flush under way, if any; a failure there shows again in the final {@code fsync}. */
    void await(String name) throws IOException {
        if (running == null) {
            return;
        }
        try {
            running.get();
        } catch (ExecutionException e) {
            log.debug("early flush of {} failed: {}", name, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + name + " was flushed");
        }
    }

    /** How many flushes were begun. */
    int flushes() {
        return flushes;
    }
}
