package dev.txrx.receiver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Verified files committed together. {@link #commit()} makes the content of all of them durable
 * at once (the {@code fsync}s run in parallel, so the file system can take them in one journal
 * commit), then has each journaled as publishing, then gives each its final name, then makes
 * those names durable; {@link #announce()}
 * then announces each file as verified, in arrival order. Many small files thus cost a few disk
 * flushes instead of two each, and two journal writes per batch instead of two per file. A file is never under its final name before it verified: only
 * verified files are added.
 *
 * <p>Not thread-safe: {@link GroupCommit} fills a batch on the receiving thread and hands it
 * whole to its committer.
 */
final class CommitBatch {

    /** A verified file and what to do once it is committed. */
    private record Pending(IncomingFile file, long size, Committing steps) {
    }

    /** Where the {@code fsync}s of the files run, side by side. */
    private final Executor forcers;
    /** Where the records of each step go out together. */
    private final RecordsTogether journal;
    private final List<Pending> pending = new ArrayList<>();
    private long bytes;
    private long oldest;

    /**
     * An empty batch whose files are forced to the disk on {@code forcers}, and whose records of
     * each step go out together to {@code journal}.
     */
    CommitBatch(Executor forcers, RecordsTogether journal) {
        this.forcers = forcers;
        this.journal = journal;
    }

    /** Adds a verified file; {@code steps} hears each step of its commit. */
    void add(IncomingFile file, long size, Committing steps) {
        if (pending.isEmpty()) {
            oldest = System.nanoTime();
        }
        pending.add(new Pending(file, size, steps));
        bytes += size;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** How many files were added. */
    int files() {
        return pending.size();
    }

    /** The sum of the sizes of the files added. */
    long bytes() {
        return bytes;
    }

    /** Nanoseconds since the first file was added, at {@code now} ({@link System#nanoTime()}); 0 if empty. */
    long age(long now) {
        return pending.isEmpty() ? 0 : now - oldest;
    }

    /**
     * Makes every file durable under its final name, and the names durable too, in the order
     * {@link Committing} says: the data of all, then each file's {@link Committing#publishing},
     * then their names, then the names' directories. On failure before the names, every file is
     * abandoned; after, the files already named stay (their journal says they were publishing, so
     * the next run recognises them: see {@link Publication}), the others are dropped, and the
     * failure is thrown.
     */
    void commit() throws IOException {
        try {
            runAll(pending.stream().filter(p -> p.file instanceof StagedFile s && s.durable())
                    .map(p -> (IoTask) () -> ((StagedFile) p.file).forceData()).toList());
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
        // every file's record before any file's name: one write for the whole batch
        journal.together(() -> pending.forEach(p -> p.steps.recordPublishing()));
        pending.forEach(p -> p.steps.publishing());
        int named = 0;
        try {
            Set<Path> directories = new LinkedHashSet<>();
            for (Pending p : pending) {
                if (p.file instanceof StagedFile staged) {
                    staged.publish();
                    if (staged.durable() && staged.storedAt() != null) {
                        directories.add(staged.storedAt().getParent());
                    }
                } else {
                    p.file.commit();
                }
                named++;
                p.steps.named();
            }
            runAll(directories.stream().map(d -> (IoTask) () -> StagedFile.syncDirectory(d)).toList());
        } catch (IOException | RuntimeException e) {
            for (Pending p : pending.subList(named, pending.size())) {
                p.steps.dropped();
                p.file.abandon();
            }
            throw e;
        }
    }

    /** Announces every file verified, in the order they were added: call it once {@link #commit()} returned. */
    void announce() {
        journal.together(() -> pending.forEach(p -> p.steps.recordVerified()));
        pending.forEach(p -> p.steps.verified());
    }

    /** Drops every file: none is announced. */
    void abandon() {
        pending.forEach(p -> p.file.abandon());
    }

    /** Work that may throw IOException. */
    private interface IoTask {
        void run() throws IOException;
    }

    private void runAll(List<IoTask> tasks) throws IOException {
        if (tasks.size() == 1) {
            tasks.get(0).run();
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (IoTask task : tasks) {
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    task.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, forcers));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }
}
