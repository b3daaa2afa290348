package dev.txrx.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of verified files. Each file that passed its checksum waits here; a flush makes
 * the content of all of them durable at once (the {@code fsync}s run in parallel, so the file
 * system can take them in one journal commit), then gives each its final name, makes those
 * names durable, and only then announces each file as verified, in arrival order. Many small
 * files thus cost a few disk flushes instead of two each, and none is announced before it is on
 * disk. A file is never under its final name before it verified.
 */
final class CommitBatch {

    private static final int MAX_FILES = 64;
    private static final long MAX_BYTES = 64L << 20;
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final ExecutorService FORCERS = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "fsync");
        thread.setDaemon(true);
        return thread;
    });

    /** A verified file and what to do once it is committed. */
    private record Pending(IncomingFile file, long size, Runnable announce) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private long pendingBytes;
    private long oldest;

    /** Adds a verified file; {@code announce} runs once it is durable under its final name. */
    void add(IncomingFile file, long size, Runnable announce) {
        if (pending.isEmpty()) {
            oldest = System.nanoTime();
        }
        pending.add(new Pending(file, size, announce));
        pendingBytes += size;
    }

    /** True when enough files, bytes or time have gathered to flush. */
    boolean due() {
        return pending.size() >= MAX_FILES || pendingBytes >= MAX_BYTES
                || (!pending.isEmpty() && System.nanoTime() - oldest >= MAX_WAIT_NANOS);
    }

    /** Commits every waiting file, then announces them in order. */
    void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        try {
            runAll(batch.stream().filter(p -> p.file instanceof StagedFile s && s.durable())
                    .map(p -> (IoTask) () -> ((StagedFile) p.file).forceData()).toList());
            Set<Path> directories = new LinkedHashSet<>();
            for (Pending p : batch) {
                if (p.file instanceof StagedFile staged) {
                    staged.publish();
                    if (staged.durable() && staged.storedAt() != null) {
                        directories.add(staged.storedAt().getParent());
                    }
                } else {
                    p.file.commit();
                }
            }
            runAll(directories.stream().map(d -> (IoTask) () -> StagedFile.syncDirectory(d)).toList());
        } catch (IOException | RuntimeException e) {
            batch.forEach(p -> p.file.abandon());
            throw e;
        }
        batch.forEach(p -> p.announce.run());
    }

    /** Drops every waiting file: the session failed in a way that keeps nothing unannounced. */
    void abandon() {
        pending.forEach(p -> p.file.abandon());
        pending.clear();
        pendingBytes = 0;
    }

    /** Work that may throw IOException. */
    private interface IoTask {
        void run() throws IOException;
    }

    private static void runAll(List<IoTask> tasks) throws IOException {
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
            }, FORCERS));
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
