package dev.txrx.sender;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Seed 000's content: a generating thread makes each file after a random pause and writes it to
 * the output directory, and the session streams it from there as far as it is written. Sizes and
 * pauses come from the session's seed, and so does each file's content (see {@link GeneratedBytes}).
 */
final class GeneratedContent implements SessionContent {

    /** The source: every session gets its own generated set. */
    static ContentSource source(GeneratorSettings settings, Path outputDir) {
        return new ContentSource() {
            @Override
            public SessionContent open(List<String> names, List<String> missing, long seed) throws ProtocolException {
                if (!names.isEmpty()) {
                    throw noCatalogue();
                }
                return new GeneratedContent(settings, seed, outputDir);
            }

            @Override
            public boolean reproducible() {
                return false;
            }

            @Override
            public List<Frame.Entry> catalogue() throws ProtocolException {
                throw noCatalogue();
            }
        };
    }

    private static ProtocolException noCatalogue() {
        return new ProtocolException(ErrorCode.UNSUPPORTED_REQUEST,
                "this sender generates its files as it goes and has no catalogue; start it with --send to list or get files");
    }

    private static final int PRODUCED_AHEAD = 2;
    private static final int MODE = 0644;

    private final BlockingQueue<Produced> queue = new ArrayBlockingQueue<>(PRODUCED_AHEAD);
    private final Thread producer;

    private GeneratedContent(GeneratorSettings settings, long seed, Path outputDir) {
        producer = new Thread(() -> produce(settings, seed, outputDir), "generator");
        producer.setDaemon(true);
        producer.start();
    }

    @Override
    public ContentItem next(long waitMillis) throws IOException, InterruptedException {
        Produced produced = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (produced == null) {
            return null;
        }
        if (produced.failure != null) {
            throw new IOException("cannot generate files: " + produced.failure.getMessage(), produced.failure);
        }
        return produced.item;
    }

    private void produce(GeneratorSettings settings, long seed, Path outputDir) {
        GenerationPlan plan = new GenerationPlan(settings, new SplittableRandom(seed));
        FileGenerator generator = new FileGenerator(outputDir);
        try {
            for (int i = 1; i <= settings.count(); i++) {
                if (i > 1) {
                    TimeUnit.NANOSECONDS.sleep(plan.nextPause().toNanos());
                }
                produceFile(generator, seed, i, plan.nextSize());
            }
            queue.put(new Produced(new ContentItem.End(), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            queue.offer(new Produced(null, e));
        }
    }

    /** Hands the file to the session as soon as it exists, then writes it. */
    private void produceFile(FileGenerator generator, long seed, long index, long size)
            throws IOException, InterruptedException {
        GeneratedFile file = generator.create(index, size);
        ContentItem.File item = new ContentItem.File(index, file.name(), size, file.mtimeMillis(), MODE,
                file.channel(), file.crc32c(), file.progress());
        try {
            queue.put(new Produced(item, null));
        } catch (InterruptedException e) {
            item.close();
            Files.deleteIfExists(file.temp());
            throw e;
        }
        generator.write(file, GeneratedBytes.randomFor(seed, index));
    }

    @Override
    public void close() {
        producer.interrupt();
        try {
            producer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Produced leftover : queue) {
            if (leftover.item instanceof ContentItem.AnyFile file) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // nothing was sent from it
                }
            }
        }
    }

    /** An item, or the generator's failure. */
    private record Produced(ContentItem item, Exception failure) {
    }
}
