package dev.txrx.sender.content;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Generated content, 1 MiB into a direct buffer (the size of a FILE_DATA frame's buffer): the
 * counter-based {@link GeneratedBytes} against the way it was made before, one
 * {@code SplittableRandom.nextLong} per word, kept here only as the baseline. The score is in
 * fills per second, so in MiB/s. Run it with {@code -jvmArgsAppend -XX:TieredStopAtLevel=1} too:
 * one-shot transfers run with C1 only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeneratorBenchmark {

    static final int SIZE = 1 << 20;

    private ByteBuffer buffer;
    private GeneratedBytes counterBased;
    private SplittableRandom random;
    private final long[] scratch = new long[1024];

    @Setup
    public void setUp() {
        buffer = ByteBuffer.allocateDirect(SIZE);
        counterBased = new GeneratedBytes(42, 1);
        random = new SplittableRandom(42 + 0x9e3779b97f4a7c15L).split();
    }

    /** The generator the sender uses. */
    @Benchmark
    public ByteBuffer counterBased() {
        counterBased.fill(buffer, SIZE);
        return buffer;
    }

    /** What the sender did before: each word from the file's own SplittableRandom, through the same scratch array. */
    @Benchmark
    public ByteBuffer splittableRandom() {
        LongBuffer longs = buffer.clear().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        for (int done = 0; done < SIZE / Long.BYTES; done += scratch.length) {
            for (int i = 0; i < scratch.length; i++) {
                scratch[i] = random.nextLong();
            }
            longs.put(scratch, 0, scratch.length);
        }
        return buffer;
    }
}
