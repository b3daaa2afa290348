package dev.txrx.common.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CRC32C: {@code java.util.zip.CRC32C} over 1 MiB on the heap and off it (scores in MiB/s), and
 * {@link FileChecksums} over a 64 MiB file in the page cache, read into a buffer or mapped
 * (scores in files per second: multiply by 64 for MiB/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Crc32cBenchmark {

    static final int SIZE = 1 << 20;
    static final long FILE_SIZE = 64L << 20;

    private ByteBuffer heap;
    private ByteBuffer direct;
    private Path file;
    private FileChannel channel;

    @Setup
    public void setUp() throws IOException {
        byte[] bytes = new byte[SIZE];
        new SplittableRandom(1).nextBytes(bytes);
        heap = ByteBuffer.wrap(bytes);
        direct = ByteBuffer.allocateDirect(SIZE).put(bytes).flip();
        file = Files.createTempFile("txrx-jmh-crc", ".bits");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (long written = 0; written < FILE_SIZE; written += SIZE) {
                out.write(heap.duplicate());
            }
        }
        channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @TearDown
    public void tearDown() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long heapBuffer() {
        CRC32C crc = new CRC32C();
        crc.update(heap.duplicate());
        return crc.getValue();
    }

    @Benchmark
    public long directBuffer() {
        CRC32C crc = new CRC32C();
        crc.update(direct.duplicate());
        return crc.getValue();
    }

    @Benchmark
    public int fileRead() throws IOException {
        return FileChecksums.crc32c(channel, FILE_SIZE);
    }

    @Benchmark
    public int fileMapped() throws IOException {
        return FileChecksums.crc32cMapped(channel, FILE_SIZE);
    }
}
