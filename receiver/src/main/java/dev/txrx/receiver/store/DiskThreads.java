package dev.txrx.receiver.store;

import dev.txrx.common.transport.Threads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads that wait for the disk on behalf of every store of the process: the committer of
 * each {@link GroupCommit}, the {@code fsync}s of a {@link CommitBatch}, side by side, the
 * {@link EarlyFlush}es of large files, and the timer that makes a batch due by its age. Threads start as work comes; whoever made this closes it,
 * once its stores have finished.
 */
public final class DiskThreads implements AutoCloseable {

    /** How many {@code fsync}s of one batch, or of batches of several sessions, run at once. */
    private static final int FORCERS = 8;

    private final ExecutorService committers = Executors.newCachedThreadPool(Threads.named("commit"));
    private final ExecutorService forcers = Executors.newFixedThreadPool(FORCERS, Threads.named("fsync"));
    private final ExecutorService flushers = Executors.newCachedThreadPool(Threads.named("early-flush"));
    /** One thread that makes batches due by their age ({@link GroupCommit}); it only hands them on. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Threads.named("commit-timer"));

    ExecutorService committers() {
        return committers;
    }

    ExecutorService forcers() {
        return forcers;
    }

    ExecutorService flushers() {
        return flushers;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Takes no more work; what is under way runs to its end. */
    @Override
    public void close() {
        committers.shutdown();
        forcers.shutdown();
        flushers.shutdown();
        // a batch still waiting for its age is committed by its store's finish, not by the timer
        timer.shutdownNow();
    }
}
