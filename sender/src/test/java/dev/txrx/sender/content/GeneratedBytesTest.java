package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.FrameFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class GeneratedBytesTest {

    /** The first {@code size} bytes of a file, generated in pieces of {@code piece} bytes. */
    private static byte[] generate(long seed, long index, int size, int piece) {
        SplittableRandom random = GeneratedBytes.randomFor(seed, index);
        ByteBuffer buffer = ByteBuffer.allocateDirect(piece);
        GeneratedBytes bytes = new GeneratedBytes();
        byte[] content = new byte[size];
        for (int done = 0; done < size; ) {
            int n = Math.min(piece, size - done);
            bytes.fill(buffer, random, n);
            assertThat(buffer.position()).isZero();
            assertThat(buffer.limit()).isEqualTo(n);
            buffer.get(content, done, n);
            done += n;
        }
        return content;
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    @Test
    void contentIsTheLittleEndianBytesOfTheFilesGeneratorCutAtItsSize() {
        SplittableRandom random = GeneratedBytes.randomFor(4, 2);
        long first = random.nextLong();
        long second = random.nextLong();
        byte[] content = generate(4, 2, 11, 64);
        for (int i = 0; i < 8; i++) {
            assertThat(content[i]).isEqualTo((byte) (first >>> (8 * i)));
        }
        for (int i = 8; i < 11; i++) {
            assertThat(content[i]).isEqualTo((byte) (second >>> (8 * (i - 8))));
        }
    }

    @Test
    void contentDoesNotDependOnThePiecesItIsGeneratedIn() {
        byte[] whole = generate(7, 3, 100_001, 100_008);
        assertThat(generate(7, 3, 100_001, 8)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 64 * 1024)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 1 << 20)).isEqualTo(whole);
        // pieces that cut values short: the rest of each value starts the next piece
        assertThat(generate(7, 3, 100_001, 1)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 3)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 13)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 65_535)).isEqualTo(whole);
    }

    /** A frame's worth (1 MiB less the file id) is no multiple of 8; the next frame goes on where it stopped. */
    @Test
    void piecesAsLargeAsOneFileDataFrameHoldsGiveTheSameContent() {
        int size = 3 * FrameFormat.MAX_DATA_PER_FRAME + 5;
        assertThat(generate(7, 3, size, FrameFormat.MAX_DATA_PER_FRAME)).isEqualTo(generate(7, 3, size, 1 << 16));
    }

    /** One instance fills the files of a session one after the other, as FileGenerator does. */
    @Test
    void aValueCutShortAtTheEndOfOneFileDoesNotSpillIntoTheNext() {
        GeneratedBytes bytes = new GeneratedBytes();
        ByteBuffer buffer = ByteBuffer.allocate(64);
        bytes.fill(buffer, GeneratedBytes.randomFor(7, 1), 5);
        SplittableRandom second = GeneratedBytes.randomFor(7, 2);
        byte[] content = new byte[32];
        bytes.fill(buffer, second, 16);
        buffer.get(content, 0, 16);
        bytes.fill(buffer, second, 16);
        buffer.get(content, 16, 16);

        assertThat(content).isEqualTo(generate(7, 2, 32, 32));
    }

    @Test
    void aShorterFileIsAPrefixOfALongerOneOfTheSameSeedAndIndex() {
        assertThat(generate(7, 3, 1000, 1024)).isEqualTo(Arrays.copyOf(generate(7, 3, 5000, 1024), 1000));
    }

    @Test
    void eachSeedAndIndexHasContentOfItsOwn() {
        byte[] base = generate(7, 3, 4096, 4096);
        assertThat(generate(7, 3, 4096, 4096)).isEqualTo(base);
        assertThat(generate(8, 3, 4096, 4096)).isNotEqualTo(base);
        assertThat(generate(7, 4, 4096, 4096)).isNotEqualTo(base);
        assertThat(generate(7, 2, 4096, 4096)).isNotEqualTo(base);
    }

    @Test
    void crcOfAPrefixMatchesTheBytes() {
        byte[] content = generate(11, 1, 300_000, 1 << 16);
        for (int length : new int[] {0, 1, 7, 8, 9, 65_536, 65_537, 300_000}) {
            assertThat(GeneratedBytes.crc32c(GeneratedBytes.randomFor(11, 1), length)).as("%d bytes", length)
                    .isEqualTo(crc(content, length));
        }
    }
}
