package dev.txrx.sender.content;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The candidates weighed for {@link GeneratedBytes}, each filling 1 MiB of a direct buffer (scores
 * in MiB/s): a strong mix per word (SplitMix64 on a counter, wyrand's multiply-fold), one
 * multiplication per word, one strong mix per 4 or 8 words with folded products (block8Mul is what
 * GeneratedBytes does), and the floor of one operation per word. The others through an array copied
 * in bulk; splitmixPutLong puts each word straight into the buffer, which with C1 only is slow.
 * The one-multiply mix passes for speed but not for quality: its words are weak in their low bits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeneratorCandidatesBenchmark {
    static final int SIZE = 1 << 20;
    static final long G = 0x9e3779b97f4a7c15L;
    ByteBuffer buffer;
    LongBuffer longs;
    long[] scratch = new long[1024];
    long key;
    long counter;

    @Setup
    public void setUp() {
        buffer = ByteBuffer.allocateDirect(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        longs = buffer.asLongBuffer();
        key = mix64(12345);
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Benchmark
    public ByteBuffer splitmixCounter() {
        longs.clear();
        long c = counter;
        for (int done = 0; done < SIZE / 8; done += scratch.length) {
            for (int i = 0; i < scratch.length; i++) {
                scratch[i] = mix64(key + (c + i) * G);
            }
            c += scratch.length;
            longs.put(scratch, 0, scratch.length);
        }
        counter = c;
        return buffer;
    }

    /** wyrand's step per word: mum(s, s ^ P1), s = key + i * P0. */
    @Benchmark
    public ByteBuffer wyrand() {
        longs.clear();
        long c = counter;
        long[] s = scratch;
        for (int done = 0; done < SIZE / 8; done += s.length) {
            long x = key + c * 0xa0761d6478bd642fL;
            for (int i = 0; i < s.length; i++) {
                x += 0xa0761d6478bd642fL;
                long y = x ^ 0xe7037ed1a0b428dbL;
                long hi = Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
                s[i] = hi ^ (x * y);
            }
            c += s.length;
            longs.put(s, 0, s.length);
        }
        counter = c;
        return buffer;
    }

    /** One multiply per word: a Weyl counter, multiplied, folded (weak low bits fixed by the fold). */
    @Benchmark
    public ByteBuffer oneMultiply() {
        longs.clear();
        long c = counter;
        long[] s = scratch;
        for (int done = 0; done < SIZE / 8; done += s.length) {
            long x = key + c * G;
            for (int i = 0; i < s.length; i++) {
                x += G;
                long z = (x ^ (x >>> 32)) * 0xd6e8feb86659fd93L;
                s[i] = z ^ (z >>> 32);
            }
            c += s.length;
            longs.put(s, 0, s.length);
        }
        counter = c;
        return buffer;
    }

    /** splitmix per word straight into the buffer with putLong. */
    @Benchmark
    public ByteBuffer splitmixPutLong() {
        long c = counter;
        for (int at = 0; at < SIZE; at += 8) {
            buffer.putLong(at, mix64(key + (c++) * G));
        }
        counter = c;
        return buffer;
    }

    /** The floor with one operation per word. */
    @Benchmark
    public ByteBuffer floorXor() {
        longs.clear();
        long c = counter;
        long[] s = scratch;
        for (int done = 0; done < SIZE / 8; done += s.length) {
            for (int i = 0; i < s.length; i++) {
                s[i] = c ^ i;
            }
            c++;
            longs.put(s, 0, s.length);
        }
        counter = c;
        return buffer;
    }

    /** One strong mix per 4 words; the others its products by odd constants, folded. */
    @Benchmark
    public ByteBuffer block4Mul() {
        longs.clear();
        long c = counter;
        long[] s = scratch;
        for (int done = 0; done < SIZE / 8; done += s.length) {
            long x = key + (c >>> 2) * G;
            for (int i = 0; i < s.length; i += 4) {
                long m = mix64(x);
                long a = m * 0xd1342543de82ef95L;
                long b = m * 0xaf251af3b0f025b5L;
                long d = m * 0x9e6c63d0676a9a99L;
                s[i] = m;
                s[i + 1] = a ^ (a >>> 32);
                s[i + 2] = b ^ (b >>> 32);
                s[i + 3] = d ^ (d >>> 32);
                x += G;
            }
            c += s.length;
            longs.put(s, 0, s.length);
        }
        counter = c;
        return buffer;
    }

    /** One strong mix per 8 words; the others its products by odd constants, folded. */
    @Benchmark
    public ByteBuffer block8Mul() {
        longs.clear();
        long c = counter;
        long[] s = scratch;
        for (int done = 0; done < SIZE / 8; done += s.length) {
            long x = key + (c >>> 3) * G;
            for (int i = 0; i < s.length; i += 8) {
                long m = mix64(x);
                long a = m * 0xd1342543de82ef95L;
                long b = m * 0xaf251af3b0f025b5L;
                long d = m * 0x9e6c63d0676a9a99L;
                long e = m * 0xf1357aea2e62a9c5L;
                long f = m * 0xe817fb2d56d3b7abL;
                long g = m * 0xc6a4a7935bd1e995L;
                long h = m * 0x8cb92ba72f3d8dd7L;
                s[i] = m;
                s[i + 1] = a ^ (a >>> 32);
                s[i + 2] = b ^ (b >>> 32);
                s[i + 3] = d ^ (d >>> 32);
                s[i + 4] = e ^ (e >>> 32);
                s[i + 5] = f ^ (f >>> 32);
                s[i + 6] = g ^ (g >>> 32);
                s[i + 7] = h ^ (h >>> 32);
                x += G;
            }
            c += s.length;
            longs.put(s, 0, s.length);
        }
        counter = c;
        return buffer;
    }
}
