package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.report.FileDone;
import dev.txrx.sender.content.ContentItem;
import dev.txrx.sender.content.PipedFile;
import dev.txrx.sender.content.StreamedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends files, one at a time, as FILE_START, FILE_DATA and FILE_END: a file on disk by sendfile
 * as far as it is written, a generated one from the buffers its generator fills, a small one in the
 * writer's buffer ({@link SmallFiles}). With a pace, each frame's data is a slice of what one
 * twentieth of a second allows, and the {@link RateLimiter} holds the conversation to the pace.
 * Each file stops at the next frame boundary when the conversation is asked to stop.
 */
final class FileStreamer {

    private static final Logger log = LoggerFactory.getLogger(FileStreamer.class);
    private static final int PACED_MIN_CHUNK = 4096;
    private static final int PACING_STEPS_PER_SECOND = 20;
    /** How long a wait for content lasts before the stop request is checked again. */
    static final long STOP_POLL_MILLIS = 50;

    /** How long a quiet pipe goes before an empty FILE_DATA tells the receiver the stream is alive. */
    private static final long KEEPALIVE_NANOS = Duration.ofSeconds(5).toNanos();
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final FrameWriter writer;
    private final Requester requester;
    private final RateLimiter limiter;
    /** The most data in one FILE_DATA frame. */
    private final int chunk;
    private final SmallFiles small;

    /** Sends to {@code requester} through {@code writer} at {@code bytesPerSecond}, or as fast as it can at 0. */
    FileStreamer(FrameWriter writer, long bytesPerSecond, Requester requester) {
        this.writer = writer;
        this.requester = requester;
        this.limiter = bytesPerSecond > 0 ? new RateLimiter(bytesPerSecond) : null;
        this.chunk = chunkFor(bytesPerSecond);
        this.small = new SmallFiles(limiter != null);
    }

    /** The most data in one FILE_DATA frame at {@code bytesPerSecond} (0: no pace). */
    static int chunkFor(long bytesPerSecond) {
        return bytesPerSecond <= 0 ? FrameFormat.MAX_DATA_PER_FRAME
                : (int) Math.max(PACED_MIN_CHUNK, Math.min(FrameFormat.MAX_DATA_PER_FRAME,
                        bytesPerSecond / PACING_STEPS_PER_SECOND));
    }

    /** Writes what the writer's buffer holds, before the conversation waits for more content. */
    void flush() throws IOException {
        writer.flush();
    }

    /**
     * Sends {@code file} from byte {@code position}.
     *
     * @return its CRC32C, as FILE_END gave it, or empty when the stop request cut it short
     */
    OptionalInt send(ContentItem.AnyFile file, long position) throws IOException, InterruptedException {
        long started = System.nanoTime();
        OptionalInt crc = file instanceof ContentItem.Streamed streamed ? sendStreamed(streamed, position)
                : file instanceof ContentItem.Piped piped ? sendPiped(piped)
                : sendFile((ContentItem.File) file, position);
        if (crc.isPresent()) {
            requester.events().fileDone(new FileDone(file.name(), file.length(), file.length() - position,
                    Duration.ofNanos(System.nanoTime() - started)));
        }
        return crc;
    }

    /**
     * A file on disk, by sendfile as far as it is written, waiting when it catches up with a
     * generator still writing it; a small one read whole into the writer's buffer.
     */
    private OptionalInt sendFile(ContentItem.File file, long position) throws IOException, InterruptedException {
        if (small.isSmall(file.size(), position)) {
            ByteBuffer data = small.room(file.size());
            int crc;
            try {
                crc = file.readWhole(data);
                small.buffer(writer, start(file, 0), data, new Frame.FileEnd(file.id(), crc));
            } finally {
                // the writer has its bytes: the room goes back to the pool between files
                small.release();
            }
            requester.events().moved(file.size());
            return OptionalInt.of(crc);
        }
        file.open(position);
        writer.write(start(file, position));
        while (position < file.size()) {
            if (requester.stop().requested()) {
                return stoppedInside(file, position);
            }
            long written = file.written().await(position + chunk, STOP_POLL_MILLIS);
            if (written <= position) {
                continue;
            }
            long n = Math.min(chunk, written - position);
            writer.transferData(file.id(), file.channel(), position, n, chunk);
            requester.events().moved(n);
            position += n;
            pace(n);
        }
        return OptionalInt.of(endFile(file));
    }

    /**
     * A file generated in memory: each buffer the generating thread fills goes out as FILE_DATA
     * (header and data in one gathering write) and comes back to be filled again; a small one
     * goes into the writer's buffer.
     */
    private OptionalInt sendStreamed(ContentItem.Streamed file, long position)
            throws IOException, InterruptedException {
        StreamedFile content = file.content();
        file.open(position);
        Frame.FileStart start = start(file, position);
        // An empty generated file has no data buffer to put into the writer's.
        boolean buffered = file.size() > 0 && small.isSmall(file.size(), position);
        if (!buffered) {
            writer.write(start);
        }
        while (position < file.size()) {
            if (requester.stop().requested()) {
                return stoppedInside(file, position);
            }
            ByteBuffer data = content.next(STOP_POLL_MILLIS);
            if (data == null) {
                continue;
            }
            try {
                if (buffered) {
                    Frame.FileEnd end = new Frame.FileEnd(file.id(), file.awaitCrc32c());
                    small.buffer(writer, start, data, end);
                    requester.events().moved(file.size());
                    return OptionalInt.of(end.crc32c());
                }
                while (data.hasRemaining()) {
                    if (requester.stop().requested()) {
                        return stoppedInside(file, position);
                    }
                    int n = Math.min(chunk, data.remaining());
                    int limit = data.limit();
                    data.limit(data.position() + n);
                    writer.writeData(file.id(), data);
                    requester.events().moved(n);
                    data.limit(limit);
                    position += n;
                    pace(n);
                }
            } finally {
                content.release(data);
            }
        }
        return OptionalInt.of(endFile(file));
    }

    /**
     * A stream of unknown size: FILE_START says so, each buffer the pipe's reading thread fills
     * goes out as it comes, and FILE_END gives the size with the CRC32C. While the pipe is quiet
     * an empty FILE_DATA goes out every {@link #KEEPALIVE_NANOS}, so that the receiver's idle
     * timeout measures the connection, not the pipe.
     */
    private OptionalInt sendPiped(ContentItem.Piped file) throws IOException, InterruptedException {
        PipedFile content = file.content();
        file.open(0);
        writer.write(start(file, 0));
        long quietSince = System.nanoTime();
        while (!content.drained()) {
            if (requester.stop().requested()) {
                return stoppedInside(file, content.length());
            }
            ByteBuffer data = content.next(STOP_POLL_MILLIS);
            if (data == null) {
                if (System.nanoTime() - quietSince > KEEPALIVE_NANOS) {
                    writer.writeData(file.id(), EMPTY);
                    quietSince = System.nanoTime();
                }
                continue;
            }
            try {
                int n = data.remaining();
                writer.writeData(file.id(), data);
                requester.events().moved(n);
                pace(n);
            } finally {
                content.release(data);
            }
            quietSince = System.nanoTime();
        }
        int crc = file.awaitCrc32c();
        writer.write(new Frame.FileEnd(file.id(), crc, content.length()));
        log.debug("receiver {}: sent {} ({} bytes of a stream, crc32c {})", requester.peer(), file.name(),
                content.length(), String.format("%08x", crc));
        return OptionalInt.of(crc);
    }

    private static Frame.FileStart start(ContentItem.AnyFile file, long position) {
        return new Frame.FileStart(file.id(), file.size(), position, file.mtimeMillis(), file.mode(), file.name());
    }

    private void pace(long sent) throws InterruptedException {
        if (limiter != null) {
            limiter.acquire(sent);
        }
    }

    /** Notes where the stop request cut a file short. */
    private OptionalInt stoppedInside(ContentItem.AnyFile file, long position) {
        log.debug("receiver {}: stopped inside {} at byte {}", requester.peer(), file.name(), position);
        return OptionalInt.empty();
    }

    /** Sends FILE_END with the file's CRC32C, once it is known. */
    private int endFile(ContentItem.AnyFile file) throws IOException, InterruptedException {
        int crc = file.awaitCrc32c();
        writer.write(new Frame.FileEnd(file.id(), crc));
        log.debug("receiver {}: sent {} ({} bytes, crc32c {})", requester.peer(), file.name(), file.size(),
                String.format("%08x", crc));
        return crc;
    }
}
