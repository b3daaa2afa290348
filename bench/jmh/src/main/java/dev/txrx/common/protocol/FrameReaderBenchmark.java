package dev.txrx.common.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The receiver's data loop without the network: {@link FrameReader#next} over 64 MiB of
 * pre-encoded FILE_DATA frames as large as the sender sends them (1 MiB less the file id),
 * handed out by an in-memory channel in reads of at most {@code readSize} bytes, as a socket
 * would. Each piece is consumed by a Blackhole. Scores in passes per second: multiply by 64 for MiB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameReaderBenchmark {

    static final int FRAMES = 64;

    @Param({"262144"})
    int readSize;

    private MemoryChannel channel;
    /** One reader for all passes, as one for a connection: after a clean end it reads on when there is more. */
    private FrameReader reader;

    /** Hands out {@code from}'s bytes, at most {@code readSize} a read, then ends. */
    private static final class MemoryChannel implements ReadableByteChannel {
        private final ByteBuffer from;
        private final int readSize;

        MemoryChannel(ByteBuffer from, int readSize) {
            this.from = from;
            this.readSize = readSize;
        }

        /** Starts handing out the same bytes again. */
        void rewind() {
            from.rewind();
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!from.hasRemaining()) {
                return -1;
            }
            int n = Math.min(Math.min(dst.remaining(), from.remaining()), readSize);
            dst.put(dst.position(), from, from.position(), n);
            dst.position(dst.position() + n);
            from.position(from.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Setup
    public void setUp() {
        ByteBuffer data = ByteBuffer.allocateDirect(FrameFormat.MAX_DATA_PER_FRAME);
        ByteBuffer encoded = ByteBuffer.allocateDirect(FRAMES * (FrameFormat.HEADER_LENGTH + Frame.FileData.DATA_OFFSET
                + FrameFormat.MAX_DATA_PER_FRAME));
        for (int i = 0; i < FRAMES; i++) {
            FrameCodec.encode(new Frame.FileData(1, data.duplicate()), encoded);
        }
        encoded.flip();
        channel = new MemoryChannel(encoded, readSize);
        reader = new FrameReader(channel);
    }

    @Benchmark
    public long fileData(Blackhole hole) throws IOException {
        channel.rewind();
        long bytes = 0;
        for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
            ByteBuffer piece = ((Frame.FileData) frame).data();
            bytes += piece.remaining();
            hole.consume(piece);
        }
        return bytes;
    }
}
