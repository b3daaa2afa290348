package dev.txrx.sender.content;

import dev.txrx.common.text.Reasons;
import dev.txrx.common.transport.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens a file of a local tree for reading only if it is still the regular file the scan saw: never
 * through a symbolic link, never blocking on a FIFO or device, never another file put in its place.
 * Between the scan and the open, whoever can write into the tree can swap a file for a link to a
 * file outside it, or for a FIFO, whose {@code open(2)} for reading blocks until a writer comes.
 *
 * <p>Java cannot open with {@code O_NONBLOCK}, nor {@code fstat} what it opened, so the open is
 * guarded three ways: the path is looked at without following links just before (a regular file,
 * the same file key as at the scan: this refuses what was swapped in before); it is opened with
 * {@code NOFOLLOW_LINKS} ({@code O_NOFOLLOW}) on a thread of this opener, waited for at most
 * {@link #LIMIT}, so that a FIFO swapped in within the instant between look and open costs a
 * worker thread (until a writer opens the FIFO), never the conversation; and what was opened is
 * checked through its descriptor (a FIFO cannot seek) and by looking at the path again (the same
 * file key, and its size the one the descriptor has).
 */
final class RegularFileOpener implements AutoCloseable {

    /** How long an open may take: a regular file opens at once, a FIFO never does. */
    static final Duration LIMIT = Duration.ofSeconds(5);
    private static final int THREADS = 2;

    /**
     * A file opened for reading, with the size and time it has now.
     *
     * @param size        its size as its descriptor and its path agree
     * @param mtimeMillis its modification time
     */
    record Opened(FileChannel channel, long size, long mtimeMillis) {
    }

    /** The file is not, or no longer, the regular file the scan saw: the reason says what it is. */
    static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String reason) {
            super(reason);
        }
    }

    /** The open(2) itself: a test stands in one that blocks as a FIFO swapped in at that instant would. */
    interface Open {
        Open READ_NOFOLLOW = path -> FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

        FileChannel open(Path path) throws IOException;
    }

    private ExecutorService openers = newOpeners();
    private final Duration limit;
    private final Open open;

    RegularFileOpener(Duration limit) {
        this(limit, Open.READ_NOFOLLOW);
    }

    RegularFileOpener(Duration limit, Open open) {
        this.limit = limit;
        this.open = open;
    }

    private static ExecutorService newOpeners() {
        return Executors.newFixedThreadPool(THREADS, Threads.named("open"));
    }

    /**
     * Begins opening {@code path} if it is the regular file whose file key the scan saw
     * ({@code fileKey}, null where the file system has none), on the opener's threads, ahead of
     * its turn: a conversation that begins the next files' opens while it sends one finds them
     * open when it comes to them, and neither it nor the openers wait for the other. Its
     * {@link Opening#await} refuses the file if it is not that file or does not open within the limit.
     */
    synchronized Opening begin(Path path, Object fileKey) {
        return new Opening(CompletableFuture.supplyAsync(() -> {
            try {
                return openNow(path, fileKey);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, openers));
    }

    /** An open begun by {@link #begin}: awaited once, or dropped. */
    final class Opening {
        private final CompletableFuture<Opened> opening;

        private Opening(CompletableFuture<Opened> opening) {
            this.opening = opening;
        }

        /**
         * The open file, waiting for it at most the opener's limit.
         *
         * @throws RefusedException if it is not the regular file the scan saw, or did not open within the limit
         */
        Opened await() throws IOException, InterruptedException {
            try {
                return opening.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Abandoned: if the open ever returns (a writer opened the FIFO), its channel is closed.
                drop();
                unstick();
                throw new RefusedException("it did not open within " + limit.toSeconds()
                        + " s: a FIFO or device took its place");
            } catch (InterruptedException e) {
                drop();
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(cause);
            }
        }

        /** Not wanted after all: its channel is closed once it is open, if it ever opens. */
        void drop() {
            opening.thenAccept(opened -> closeQuietly(opened.channel()));
        }
    }

    /**
     * A thread blocked in an open (a FIFO) stays blocked until a writer comes; the opens waiting
     * behind it move to new threads, so that the files after it are not held up too.
     */
    private synchronized void unstick() {
        ExecutorService stuck = openers;
        openers = newOpeners();
        List<Runnable> waiting = new ArrayList<>();
        ((ThreadPoolExecutor) stuck).getQueue().drainTo(waiting);
        stuck.shutdown();
        waiting.forEach(openers::execute);
    }

    /** The open and its checks, on an opener's thread. */
    private Opened openNow(Path path, Object fileKey) throws IOException {
        requireSame(path, fileKey);
        FileChannel channel;
        try {
            channel = open.open(path);
        } catch (IOException e) {
            // O_NOFOLLOW on a link that came in after the look fails with ELOOP.
            throw new RefusedException("it cannot be opened (" + Reasons.withoutPath(e) + ")");
        }
        try {
            try {
                // The descriptor's own look: a FIFO, socket or terminal cannot seek.
                channel.position(0);
            } catch (IOException notSeekable) {
                throw new RefusedException("it is not a regular file any more (" + Reasons.of(notSeekable) + ")");
            }
            long size = channel.size();
            BasicFileAttributes now = requireSame(path, fileKey);
            if (now.size() != size) {
                throw new RefusedException("it changed while it was opened");
            }
            return new Opened(channel, size, now.lastModifiedTime().toMillis());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static BasicFileAttributes requireSame(Path path, Object fileKey) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new RefusedException("it became a symbolic link after the scan");
        }
        if (!attributes.isRegularFile()) {
            throw new RefusedException("it is not a regular file any more");
        }
        if (!Objects.equals(fileKey, attributes.fileKey())) {
            throw new RefusedException("another file took its place after the scan");
        }
        return attributes;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }

    /** Stops the threads; one still blocked in an open ends with the process (it is a daemon). */
    @Override
    public synchronized void close() {
        openers.shutdownNow();
    }
}
