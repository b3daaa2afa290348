package dev.txrx.sender.content;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * What a generated file contains. File number {@code index} of a session with seed {@code seed}
 * holds the little-endian bytes of successive {@code nextLong()} values of its own generator,
 * {@link #randomFor}, cut at the file's size. So its content depends on the seed, its index and
 * its size only: not on the files before it, nor on the size of the pieces it is generated in,
 * nor on whether it is written to disk or only sent. Any prefix can therefore be generated again
 * to check what a resuming receiver holds. An instance fills buffers for one thread at a time.
 */
final class GeneratedBytes {

    /** The golden-ratio step SplittableRandom itself uses between seeds. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final int CHECK_BUFFER = 64 * 1024;

    private final long[] scratch = new long[1024];
    /** The generator whose last value the previous piece cut short, and what is left of it. */
    private SplittableRandom cutFrom;
    private long cutValue;
    private int cutBytesLeft;

    /**
     * The generator of file {@code index}: the session seed moved on by {@code index} steps, then
     * split, which gives the file a mixed seed and step of its own.
     */
    static SplittableRandom randomFor(long seed, long index) {
        return new SplittableRandom(seed + index * GOLDEN_GAMMA).split();
    }

    /**
     * Puts the next {@code n} bytes of a file into {@code buffer}, from its start, and leaves it
     * ready to read them (position 0, limit {@code n}). Pieces may have any size: a value that one
     * piece cuts short goes on at the start of the next piece of the same generator, so that a
     * piece can be exactly as large as a FILE_DATA frame holds.
     */
    void fill(ByteBuffer buffer, SplittableRandom random, int n) {
        buffer.clear().order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        if (random != cutFrom) {
            // another file: what the last one left of its last value is not this one's
            cutBytesLeft = 0;
        }
        for (; cutBytesLeft > 0 && at < n; cutBytesLeft--) {
            buffer.put(at++, (byte) cutValue);
            cutValue >>>= 8;
        }
        // The values go through a small array and are copied in bulk: as fast as putting them one by
        // one once the JIT's C2 compiled this, and three times faster with C1 only.
        LongBuffer longs = buffer.position(at).asLongBuffer();
        int count = (n - at) / Long.BYTES;
        for (int done = 0; done < count; ) {
            int m = Math.min(scratch.length, count - done);
            for (int i = 0; i < m; i++) {
                scratch[i] = random.nextLong();
            }
            longs.put(scratch, 0, m);
            done += m;
        }
        int whole = at + count * Long.BYTES;
        if (whole < n) {
            long last = random.nextLong();
            for (int i = whole; i < n; i++) {
                buffer.put(i, (byte) last);
                last >>>= 8;
            }
            cutValue = last;
            cutBytesLeft = Long.BYTES - (n - whole);
        }
        cutFrom = random;
        buffer.position(0).limit(n);
    }

    /** The CRC32C of the first {@code length} bytes of the file that {@code random} generates, generated again here. */
    static int crc32c(SplittableRandom random, long length) {
        GeneratedBytes bytes = new GeneratedBytes();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHECK_BUFFER, Math.max(length, 0)));
        CRC32C crc = new CRC32C();
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(buffer.capacity(), length - done);
            bytes.fill(buffer, random, n);
            crc.update(buffer);
            done += n;
        }
        return (int) crc.getValue();
    }
}
