package dev.txrx.sender.content;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * How much of a file is written, so that it can be sent while a generator still writes it. The
 * writer reports each step with {@link #advance} (or its failure with {@link #fail}); the reader
 * sends what is written and waits with {@link #await} when it catches up. A reader is woken only
 * once the bytes it waits for are there, not at every write.
 */
public final class WriteProgress {

    private final long size;
    private long written;
    /** What the waiting reader waits for; above any count while nobody waits. */
    private long awaited = Long.MAX_VALUE;
    private SourceFailedException failure;

    WriteProgress(long size) {
        this.size = size;
    }

    /** The progress of a file that is already whole, such as a file read from disk. */
    static WriteProgress whole(long size) {
        WriteProgress progress = new WriteProgress(size);
        progress.written = size;
        return progress;
    }

    /** The writer: the first {@code count} bytes are written and may be read. */
    synchronized void advance(long count) {
        written = count;
        if (written >= awaited) {
            notifyAll();
        }
    }

    /** The writer: the file will not be completed, because of {@code cause}. */
    synchronized void fail(SourceFailedException cause) {
        failure = cause;
        notifyAll();
    }

    /**
     * Waits up to {@code waitMillis} until the first {@code wanted} bytes (at most the whole file)
     * are written.
     *
     * @return how many bytes are written: {@code wanted} or more, or fewer if the time ran out
     * @throws IOException if the writer failed
     */
    public synchronized long await(long wanted, long waitMillis) throws IOException, InterruptedException {
        long target = Math.min(wanted, size);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            while (written < target && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                awaited = target;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } finally {
            awaited = Long.MAX_VALUE;
        }
        if (failure != null) {
            throw new SourceFailedException(failure.getMessage(), failure.peerMessage(), failure);
        }
        return written;
    }

    /** Waits, however long it takes, until the first {@code wanted} bytes (at most the whole file) are written. */
    void awaitAtLeast(long wanted) throws IOException, InterruptedException {
        long target = Math.min(wanted, size);
        while (await(target, TimeUnit.SECONDS.toMillis(1)) < target) {
            // the writer is still at it
        }
    }
}
