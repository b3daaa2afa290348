package dev.txrx.sender.content;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * What a generated file contains, and a cursor that generates it from any byte on. The content
 * is a pure function of the session's seed, the file's index and the byte's offset, defined in
 * {@code docs/PROTOCOL.md}, "Generated content", and in {@link #word}:
 *
 * <pre>
 *   key          = mix(seed + index * GAMMA)            the file's key
 *   m(b)         = mix(key + b * GAMMA)                 one strong mix per block b of 8 words (64 bytes)
 *   word(8b)     = m(b)
 *   word(8b + j) = fold(m(b) * K[j])                    j = 1..7, fold(z) = z ^ (z >>> 32)
 *   byte(k)      = byte k % 8 of word(k / 8), least significant first (little-endian)
 * </pre>
 *
 * where {@code mix} is SplitMix64's finalizer and all arithmetic is modulo 2<sup>64</sup>. So the
 * content depends on the seed, the index and the offset only: not on the files before it, nor on
 * the size of the pieces it is generated in, nor on whether it is written to disk or only sent,
 * and a file is a prefix of a longer one of the same seed and index. Any prefix can therefore be
 * generated again to check what a resuming receiver holds, by this sender or another
 * implementation.
 *
 * <p>Why this shape: a word of its own generator per 8 bytes ({@code SplittableRandom.nextLong},
 * before) spent two multiplications and three shifts per word; here the strong mix is spent once per
 * 64 bytes and each other word costs one multiplication and a fold: 1.7 to 3 times as fast with
 * the JIT's C1 alone (how one-shot transfers run), 1.8 times with C2, measured with
 * {@code bench/jmh}'s GeneratorBenchmark. It is test data, not cryptography: what it must be is
 * incompressible and different for every seed and index.
 *
 * <p>An instance generates one file for one thread at a time, from its {@linkplain #position
 * position} on.
 */
final class GeneratedBytes {

    /** The golden-ratio step between counters: SplitMix64's. */
    static final long GAMMA = 0x9e3779b97f4a7c15L;
    /** Words made from one strong mix. */
    static final int BLOCK_WORDS = 8;
    static final int BLOCK_BYTES = BLOCK_WORDS * Long.BYTES;
    /** The odd multipliers of words 1 to 7 of a block; word 0 is the mix itself. */
    static final long K1 = 0xd1342543de82ef95L;
    static final long K2 = 0xaf251af3b0f025b5L;
    static final long K3 = 0x9e6c63d0676a9a99L;
    static final long K4 = 0xf1357aea2e62a9c5L;
    static final long K5 = 0xe817fb2d56d3b7abL;
    static final long K6 = 0xc6a4a7935bd1e995L;
    static final long K7 = 0x8cb92ba72f3d8dd7L;

    /** Words generated at a time before they are copied into the buffer in bulk: 8 KiB, in the L1 cache. */
    private static final int SCRATCH_WORDS = 1024;
    private static final int CHECK_BUFFER = 64 * 1024;

    private final long key;
    /** The offset in the file of the next byte to generate. */
    private long position;
    /** Allocated on first use, no larger than the first fill needs: a small file needs little. */
    private long[] scratch;
    private final long[] oneBlock = new long[BLOCK_WORDS];

    /** The content of file {@code index} of a session of seed {@code seed}, from its first byte. */
    GeneratedBytes(long seed, long index) {
        this.key = fileKey(seed, index);
    }

    /** The key of file {@code index} of a session of seed {@code seed}: one strong mix of both. */
    static long fileKey(long seed, long index) {
        return mix(seed + index * GAMMA);
    }

    /** SplitMix64's finalizer (Stafford's variant 13): a bijection of 64-bit words that mixes every bit into every other. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Folds the well-mixed high half of a product onto its weaker low half. */
    private static long fold(long z) {
        return z ^ (z >>> 32);
    }

    /**
     * Word {@code i} of the file of key {@code key}: the definition, one word at a time. Bytes
     * {@code 8i} to {@code 8i + 7} of the file are its bytes, least significant first.
     */
    static long word(long key, long i) {
        long m = mix(key + (i / BLOCK_WORDS) * GAMMA);
        return switch ((int) (i % BLOCK_WORDS)) {
            case 0 -> m;
            case 1 -> fold(m * K1);
            case 2 -> fold(m * K2);
            case 3 -> fold(m * K3);
            case 4 -> fold(m * K4);
            case 5 -> fold(m * K5);
            case 6 -> fold(m * K6);
            default -> fold(m * K7);
        };
    }

    /**
     * Puts the words of {@code blocks} blocks from block {@code first} on into {@code into}, from
     * its start. The hot loop: {@link #word} unrolled, one strong mix per 8 words.
     */
    private static void blocks(long key, long first, long[] into, int blocks) {
        long x = key + first * GAMMA;
        for (int i = 0, end = blocks * BLOCK_WORDS; i < end; i += BLOCK_WORDS) {
            long m = mix(x);
            long a = m * K1;
            long b = m * K2;
            long c = m * K3;
            long d = m * K4;
            long e = m * K5;
            long f = m * K6;
            long g = m * K7;
            into[i] = m;
            into[i + 1] = a ^ (a >>> 32);
            into[i + 2] = b ^ (b >>> 32);
            into[i + 3] = c ^ (c >>> 32);
            into[i + 4] = d ^ (d >>> 32);
            into[i + 5] = e ^ (e >>> 32);
            into[i + 6] = f ^ (f >>> 32);
            into[i + 7] = g ^ (g >>> 32);
            x += GAMMA;
        }
    }

    /** The offset of the next byte {@link #fill} generates. */
    long position() {
        return position;
    }

    /** Moves to byte {@code offset} of the file: the next {@link #fill} starts there. */
    void position(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("a file has no byte " + offset);
        }
        position = offset;
    }

    /**
     * Puts the next {@code n} bytes of the file into {@code buffer}, from its start, and leaves it
     * ready to read them (position 0, limit {@code n}). Pieces may have any size and start
     * anywhere: a piece can be exactly as large as a FILE_DATA frame holds.
     */
    void fill(ByteBuffer buffer, int n) {
        buffer.clear().order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        // the block the last piece cut short, byte by byte
        int into = (int) (position % BLOCK_BYTES);
        if (into != 0) {
            at = partial(buffer, at, into, Math.min(n, BLOCK_BYTES - into));
        }
        int whole = (n - at) / BLOCK_BYTES;
        if (whole > 0) {
            // The words go through a small array and are copied in bulk: with C1 only, putting them
            // into the buffer one by one was three times slower.
            long[] words = scratch(whole * BLOCK_WORDS);
            int blocksAtATime = words.length / BLOCK_WORDS;
            var longs = buffer.position(at).asLongBuffer();
            long block = position / BLOCK_BYTES;
            for (int done = 0; done < whole; ) {
                int m = Math.min(blocksAtATime, whole - done);
                blocks(key, block + done, words, m);
                longs.put(words, 0, m * BLOCK_WORDS);
                done += m;
            }
            at += whole * BLOCK_BYTES;
            position += (long) whole * BLOCK_BYTES;
        }
        if (at < n) {
            at = partial(buffer, at, 0, n - at);
        }
        buffer.position(0).limit(n);
    }

    /**
     * Puts bytes {@code from} to {@code from + count} of the current block at {@code at}, one by
     * one, and moves on past them.
     */
    private int partial(ByteBuffer buffer, int at, int from, int count) {
        blocks(key, position / BLOCK_BYTES, oneBlock, 1);
        for (int k = from; k < from + count; k++) {
            buffer.put(at++, (byte) (oneBlock[k / Long.BYTES] >>> (8 * (k % Long.BYTES))));
        }
        position += count;
        return at;
    }

    private long[] scratch(int wanted) {
        if (scratch == null || scratch.length < Math.min(wanted, SCRATCH_WORDS)) {
            scratch = new long[Math.min(wanted, SCRATCH_WORDS)];
        }
        return scratch;
    }

    /** The CRC32C of the first {@code length} bytes of file {@code index} of seed {@code seed}, generated again here. */
    static int crc32c(long seed, long index, long length) {
        GeneratedBytes bytes = new GeneratedBytes(seed, index);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHECK_BUFFER, Math.max(length, 0)));
        CRC32C crc = new CRC32C();
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(buffer.capacity(), length - done);
            bytes.fill(buffer, n);
            crc.update(buffer);
            done += n;
        }
        return (int) crc.getValue();
    }
}
