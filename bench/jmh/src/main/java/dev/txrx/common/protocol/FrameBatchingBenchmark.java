package dev.txrx.common.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Many small files, as the sender frames them: FILE_START, one FILE_DATA of {@code fileSize}
 * bytes and FILE_END each, 100 files an operation, into a {@link CountingChannel}. Batched,
 * through {@link FrameWriter#buffer} and one {@link FrameWriter#flush}, against one
 * {@link FrameWriter#write} per control frame and one gathering {@link FrameWriter#writeData} per
 * FILE_DATA. Into memory ({@code sink=memory}) the writes cost nothing, so that measures the
 * encoding and the copies; into /dev/null ({@code sink=devnull}) each write is a system call that
 * moves no data, which is what batching saves. The {@code writes} counter, in writes per second,
 * divided by the score gives the writes per 100 files.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameBatchingBenchmark {

    static final int FILES = 100;

    @Param({"4096"})
    int fileSize;

    private Frame.FileStart[] starts;
    private Frame.FileEnd[] ends;
    private ByteBuffer content;

    /** The channel, and how often it was written to: reported as writes per second beside the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Calls {
        /** {@code memory}: a channel that costs nothing; {@code devnull}: a real system call per write, to /dev/null. */
        @Param({"memory", "devnull"})
        String sink;

        private FileChannel devNull;
        CountingChannel channel;
        /** One for the iteration, as one for a connection: its buffer is allocated once. */
        FrameWriter writer;

        @Setup(Level.Trial)
        public void open() throws IOException {
            if (sink.equals("devnull")) {
                devNull = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
            }
        }

        @Setup(Level.Iteration)
        public void reset() {
            channel = new CountingChannel(devNull);
            writer = new FrameWriter(channel);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (devNull != null) {
                devNull.close();
            }
        }

        /** Writes to the channel, each of which would be a system call on a socket. */
        public long writes() {
            return channel.writes;
        }
    }

    @Setup
    public void setUp() {
        starts = new Frame.FileStart[FILES];
        ends = new Frame.FileEnd[FILES];
        for (int i = 0; i < FILES; i++) {
            starts[i] = new Frame.FileStart(i + 1, fileSize, 0, 1_700_000_000_000L, 0644,
                    "dir_" + (i % 10) + "/file_" + (i + 1) + ".bits");
            ends[i] = new Frame.FileEnd(i + 1, 0x12345678, Frame.FileEnd.NO_SIZE);
        }
        content = ByteBuffer.allocateDirect(fileSize);
    }

    @Benchmark
    public long batched(Calls calls) throws IOException {
        FrameWriter writer = calls.writer;
        for (int i = 0; i < FILES; i++) {
            writer.buffer(starts[i]);
            writer.buffer(new Frame.FileData(i + 1, content.duplicate()));
            writer.buffer(ends[i]);
        }
        writer.flush();
        return writer.bytesWritten();
    }

    @Benchmark
    public long oneWritePerFrame(Calls calls) throws IOException {
        FrameWriter writer = calls.writer;
        for (int i = 0; i < FILES; i++) {
            writer.write(starts[i]);
            writer.writeData(i + 1, content.duplicate());
            writer.write(ends[i]);
        }
        return writer.bytesWritten();
    }
}
