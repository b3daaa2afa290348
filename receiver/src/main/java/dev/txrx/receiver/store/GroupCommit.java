package dev.txrx.receiver.store;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Pipelined group commit of the files a session verifies. The receiving thread adds each file
 * that passed its checksum to the open {@link CommitBatch}; once that is due (enough files,
 * bytes or time) it goes to a committer thread, which makes it durable under its final names
 * and then announces its files, while the receiving thread goes on filling the next batch. A batch
 * that is due by its age goes on its own, by a timer, even while no other file is added (a big
 * file arriving after small ones does not hold them back). One
 * batch at a time is committed, so files are announced in the order they arrived, and each only
 * once it, its name and its directory are on disk.
 *
 * <p>While a batch is being committed the next one may grow past the due size, and is taken
 * whole when the committer is free; at the hard limits the receiving thread waits for it.
 *
 * <p>A commit that fails abandons its batch and no later batch is committed: the next
 * {@link #add}, {@link #check} or {@link #flush} throws the failure, and {@link #abandon} drops
 * the files still waiting.
 */
final class GroupCommit {

    /**
     * When a batch is due (any of the first three reached), and when the receiving thread waits
     * for the committer instead of letting the next batch grow (any of the last three).
     */
    record Limits(int files, long bytes, Duration age, int maxFiles, long maxBytes, Duration maxAge) {
        Limits {
            if (maxFiles < files || maxBytes < bytes || maxAge.compareTo(age) < 0) {
                throw new IllegalArgumentException("a hard limit below its due size: " + this);
            }
        }
    }

    /**
     * 64 files, 64 MiB or 200 ms make a batch due; it grows to at most 1,024 files (each holds a
     * file descriptor until it is committed), 256 MiB or 1 s while the one before is committed.
     */
    static final Limits LIMITS = new Limits(64, 64L << 20, Duration.ofMillis(200),
            1024, 256L << 20, Duration.ofSeconds(1));

    private final Limits limits;
    private final Executor committer;
    private final Executor forcers;
    private final RecordsTogether journal;
    /** Hands a batch to the committer once it is old enough, when no file added after it does. */
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    /** The batch being filled; guarded by {@link #lock}. */
    private CommitBatch open;
    /** True while the committer has a batch; guarded by {@link #lock}. */
    private boolean committing;
    /** The first failure of a commit; guarded by {@link #lock}. */
    private IOException failure;

    /**
     * Batches committed on {@code committer}, the {@code fsync}s of their files side by side on
     * {@code forcers}; {@code timer} makes a batch due by its age on its own.
     */
    GroupCommit(Limits limits, Executor committer, Executor forcers, ScheduledExecutorService timer) {
        this(limits, committer, forcers, timer, RecordsTogether.EACH);
    }

    /** The same, the records of each step of a batch going out together to {@code journal}. */
    GroupCommit(Limits limits, Executor committer, Executor forcers, ScheduledExecutorService timer,
                RecordsTogether journal) {
        this.limits = limits;
        this.committer = committer;
        this.forcers = forcers;
        this.timer = timer;
        this.journal = journal;
        this.open = new CommitBatch(forcers, journal);
    }

    /**
     * Adds a verified file; {@code steps} hears, on the committer's thread, each step of its
     * commit, {@link Committing#verified} once the file is durable under its final name. Hands the open batch to the committer if it is due and the
     * committer is free; if the committer is busy and the open batch reached a hard limit, waits
     * until the committer takes it.
     *
     * @throws IOException the failure of an earlier commit; {@code file} and the others still
     *                     waiting are abandoned then
     */
    void add(IncomingFile file, long size, Committing steps) throws IOException {
        synchronized (lock) {
            open.add(file, size, steps);
            if (open.files() == 1) {
                // The first file of a batch: however long the next file takes to arrive, this
                // one is committed within the age limit.
                scheduleAgeCheck();
            }
            awaitRoom();
            failIfFailed();
            startIfDue();
        }
    }

    private void scheduleAgeCheck() {
        try {
            timer.schedule(() -> {
                synchronized (lock) {
                    startIfDue();
                }
            }, limits.age().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the process is closing its disk threads: the store's finish commits what is left
        }
    }

    /**
     * With the lock held: hands the open batch to the committer if it is due and the committer is
     * free. A busy committer takes it itself once done (see {@link #commitFrom}).
     */
    private void startIfDue() {
        if (!committing && failure == null && due(open, System.nanoTime())) {
            start();
        }
    }

    /**
     * Throws the failure of an earlier commit, if there was one, abandoning the files still
     * waiting.
     */
    void check() throws IOException {
        synchronized (lock) {
            failIfFailed();
        }
    }

    /**
     * Commits every file added so far and waits until all are announced.
     *
     * @throws IOException the failure of a commit, this one's or an earlier one's
     */
    void flush() throws IOException {
        synchronized (lock) {
            awaitCommitter();
            failIfFailed();
            if (!open.isEmpty()) {
                start();
                awaitCommitter();
                failIfFailed();
            }
        }
    }

    /**
     * Waits for the batch being committed, if any (its files verified: it is not stopped), then
     * drops the files still waiting, unannounced.
     */
    void abandon() {
        synchronized (lock) {
            awaitCommitter();
            open.abandon();
            open = new CommitBatch(forcers, journal);
        }
    }

    private boolean due(CommitBatch batch, long now) {
        return reached(batch, limits.files(), limits.bytes(), limits.age(), now);
    }

    private boolean full(CommitBatch batch, long now) {
        return reached(batch, limits.maxFiles(), limits.maxBytes(), limits.maxAge(), now);
    }

    private static boolean reached(CommitBatch batch, int files, long bytes, Duration age, long now) {
        return !batch.isEmpty() && (batch.files() >= files || batch.bytes() >= bytes
                || batch.age(now) >= age.toNanos());
    }

    /** With the lock held: abandons the files waiting and throws the failure, if a commit failed. */
    private void failIfFailed() throws IOException {
        if (failure != null) {
            open.abandon();
            open = new CommitBatch(forcers, journal);
            throw failure;
        }
    }

    /** Hands the open batch to the committer; the lock is held and the committer is free. */
    private void start() {
        CommitBatch batch = open;
        open = new CommitBatch(forcers, journal);
        committing = true;
        try {
            committer.execute(() -> commitFrom(batch));
        } catch (RuntimeException e) {
            // no thread to commit on: as if the commit failed
            batch.abandon();
            failure = new IOException("cannot start committing: " + Reasons.of(e), e);
            committing = false;
        }
    }

    /**
     * The committer: commits and announces {@code first}, then each batch that became due
     * meanwhile, until none is due or one fails.
     */
    private void commitFrom(CommitBatch first) {
        CommitBatch batch = first;
        while (batch != null) {
            IOException failed = commitAndAnnounce(batch);
            synchronized (lock) {
                if (failed != null && failure == null) {
                    failure = failed;
                }
                if (failure == null && due(open, System.nanoTime())) {
                    batch = open;
                    open = new CommitBatch(forcers, journal);
                } else {
                    batch = null;
                    committing = false;
                }
                lock.notifyAll();
            }
        }
    }

    /** Commits and announces {@code batch}; the failure, or null. */
    private static IOException commitAndAnnounce(CommitBatch batch) {
        try {
            batch.commit();
            batch.announce();
            return null;
        } catch (IOException e) {
            return e;
        } catch (RuntimeException | Error e) {
            // a fault, not the disk: still reported to the session rather than lost on this thread
            batch.abandon();
            return new IOException(Reasons.of(e), e);
        }
    }

    /** With the lock held: waits while the committer is busy and the open batch is at a hard limit. */
    private void awaitRoom() {
        awaitWhile(() -> failure == null && committing && full(open, System.nanoTime()));
    }

    /**
     * With the lock held: waits until the committer is free. Not interruptible: a commit ends on
     * its own, and the session must know its outcome; the interrupt is kept for later.
     */
    private void awaitCommitter() {
        awaitWhile(() -> committing);
    }

    /** With the lock held: waits on it while {@code condition} holds, keeping an interrupt for later. */
    private void awaitWhile(BooleanSupplier condition) {
        boolean interrupted = false;
        while (condition.getAsBoolean()) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
