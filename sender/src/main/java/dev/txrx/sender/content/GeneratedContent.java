package dev.txrx.sender.content;

import dev.txrx.common.report.Totals;
import dev.txrx.common.text.Reasons;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Glob;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.transport.Threads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Seed 000's content: a generating thread makes each file after a random pause, and the
 * conversation streams it while it is being made. By default ({@link #saving}) each file is written
 * to the output directory and sent from there as far as it is written. With {@code --no-save}
 * ({@link #inMemory}) nothing is stored: each file is generated into a few reused buffers and
 * sent from them. Sizes and pauses come from the session's seed, and so does each file's content
 * (see {@link GeneratedBytes}), the same in both ways. Each session's content owns its generating
 * thread: it starts it when opened and stops it when closed.
 */
public final class GeneratedContent implements SessionContent {

    /**
     * The source that writes every file to {@code outputDir}, which it creates; every session gets
     * its own generated set.
     */
    public static ContentSource saving(GeneratorSettings settings, Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        return new Source(settings, outputDir);
    }

    /** The source that stores nothing: each file is generated in memory as it is sent. */
    public static ContentSource inMemory(GeneratorSettings settings) {
        return new Source(settings, null);
    }

    /** Generated files have no catalogue: they are made as they are sent, differently for each session. */
    private record Source(GeneratorSettings settings, Path outputDir) implements ContentSource {
        @Override
        public SessionContent open(List<String> names, List<Glob> excludes, List<String> missing, long seed) {
            if (!names.isEmpty() || !excludes.isEmpty()) {
                throw new IllegalArgumentException("generated files cannot be chosen by name");
            }
            return new GeneratedContent(settings, seed, outputDir);
        }

        @Override
        public boolean reproducible() {
            return false;
        }

        @Override
        public boolean hasCatalogue() {
            return false;
        }

        @Override
        public List<Frame.Entry> catalogue(List<Glob> excludes) {
            throw new IllegalStateException("generated files have no catalogue");
        }
    }

    private static final int PRODUCED_AHEAD = 2;
    /**
     * The buffers of a file generated in memory: as much as one FILE_DATA frame holds, so that each
     * goes out as one full frame, header and data in one gathering write.
     */
    private static final int STREAM_BUFFER = FrameFormat.MAX_DATA_PER_FRAME;
    /** Enough buffers that generating the next ones overlaps with sending the current one. */
    private static final int STREAM_BUFFERS = 4;
    private static final int MODE = 0644;

    private final BlockingQueue<ContentItem> queue = new ArrayBlockingQueue<>(PRODUCED_AHEAD);
    /**
     * Why the generating thread stopped early, or null. Kept apart from the queue: a failure must
     * reach the conversation even when the queue is full, which it is while two files wait.
     */
    private volatile Exception failure;
    private final Thread producer;
    /** How many files; their sizes are drawn as they are made. */
    private final int count;

    /** Generates into {@code outputDir}, or in memory when it is null. */
    private GeneratedContent(GeneratorSettings settings, long seed, Path outputDir) {
        count = settings.count();
        producer = Threads.task("generator", () -> produce(settings, seed, outputDir));
        producer.start();
    }

    /** The count of files, not their bytes: each size is drawn as its file is made. */
    @Override
    public Totals totals() {
        return new Totals(count, Totals.UNKNOWN);
    }

    @Override
    public ContentItem next(long waitMillis) throws IOException, InterruptedException {
        // A failure ends the session at once: the files still queued behind it are closed with it.
        throwIfFailed();
        ContentItem item = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (item == null) {
            throwIfFailed();
        }
        return item;
    }

    private void throwIfFailed() throws SourceFailedException {
        Exception e = failure;
        if (e != null) {
            throw new SourceFailedException("cannot generate files: " + e.getMessage(),
                    "cannot generate files: " + Reasons.withoutPath(e), e);
        }
    }

    private void produce(GeneratorSettings settings, long seed, Path outputDir) {
        GenerationPlan plan = new GenerationPlan(settings, new SplittableRandom(seed));
        FileGenerator generator = outputDir == null ? null : new FileGenerator(outputDir);
        BufferRing ring = null;
        try {
            for (int i = 1; i <= settings.count(); i++) {
                if (i > 1) {
                    TimeUnit.NANOSECONDS.sleep(plan.nextPause().toNanos());
                }
                long size = plan.nextSize();
                if (generator != null) {
                    produceSaved(generator, seed, i, size);
                } else {
                    if (ring == null) {
                        ring = new BufferRing(STREAM_BUFFERS, STREAM_BUFFER);
                    }
                    produceStreamed(ring, seed, i, size);
                }
            }
            queue.put(new ContentItem.End());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** Hands the file to the conversation as soon as it exists, then writes it. */
    private void produceSaved(FileGenerator generator, long seed, long index, long size)
            throws IOException, InterruptedException {
        GeneratedFile file = generator.create(index, size);
        ContentItem.File item = new ContentItem.File(index, file.name(), size, file.mtimeMillis(), MODE,
                file.channel(), file.progress(),
                FileChecksum.fromWriter(file.name(), file.channel(), size, file.progress(), file.crc32c()));
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            item.close();
            Files.deleteIfExists(file.temp());
            throw e;
        }
        generator.write(file, new GeneratedBytes(seed, index));
    }

    /** Hands the file to the conversation, then generates its bytes as the conversation asks for them. */
    private void produceStreamed(BufferRing ring, long seed, long index, long size) throws InterruptedException {
        StreamedFile file = new StreamedFile(seed, index, size, ring);
        queue.put(new ContentItem.Streamed(index, FileGenerator.nameOf(index), size, System.currentTimeMillis(), MODE,
                file));
        file.generate();
    }

    @Override
    public void close() {
        producer.interrupt();
        try {
            producer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ContentItem leftover : queue) {
            if (leftover instanceof ContentItem.AnyFile file) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // nothing was sent from it
                }
            }
        }
    }
}
