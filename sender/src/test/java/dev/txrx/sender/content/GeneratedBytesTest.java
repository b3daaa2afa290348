package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.FrameFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class GeneratedBytesTest {

    private static final int MIB = 1 << 20;

    /** The {@code size} bytes of a file from byte {@code from} on, generated in pieces of {@code piece} bytes. */
    private static byte[] generate(long seed, long index, long from, int size, int piece) {
        GeneratedBytes bytes = new GeneratedBytes(seed, index);
        bytes.position(from);
        ByteBuffer buffer = ByteBuffer.allocateDirect(piece);
        byte[] content = new byte[size];
        for (int done = 0; done < size; ) {
            int n = Math.min(piece, size - done);
            bytes.fill(buffer, n);
            assertThat(buffer.position()).isZero();
            assertThat(buffer.limit()).isEqualTo(n);
            buffer.get(content, done, n);
            done += n;
        }
        assertThat(bytes.position()).isEqualTo(from + size);
        return content;
    }

    private static byte[] generate(long seed, long index, int size, int piece) {
        return generate(seed, index, 0, size, piece);
    }

    /** The definition, byte by byte: byte {@code k} is byte {@code k % 8} of word {@code k / 8}, least significant first. */
    private static byte[] byDefinition(long seed, long index, long from, int size) {
        long key = GeneratedBytes.fileKey(seed, index);
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            long k = from + i;
            content[i] = (byte) (GeneratedBytes.word(key, k / 8) >>> (8 * (k % 8)));
        }
        return content;
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** Written out by hand from the definition in PROTOCOL.md, independently of the code. */
    @Test
    void firstBytesAreTheFixedOnesOfTheDefinition() {
        assertThat(GeneratedBytes.fileKey(42, 1)).isEqualTo(0xbdd732262feb6e95L);
        assertThat(HexFormat.of().formatHex(generate(42, 1, 32, 32)))
                .isEqualTo("e35a6f7850d99eb2133de8c20cee07cdd8001dbda711b33e0c49e3e9a796d407");
        long key = GeneratedBytes.fileKey(42, 1);
        assertThat(GeneratedBytes.word(key, 0)).isEqualTo(0xb29ed950786f5ae3L);
        assertThat(GeneratedBytes.word(key, 1)).isEqualTo(0xcd07ee0cc2e83d13L);
        assertThat(GeneratedBytes.crc32c(42, 1, MIB)).isEqualTo(0x346364d8);
    }

    @Test
    void wordsAreTheMixOfTheBlockAndItsFoldedProducts() {
        long key = GeneratedBytes.fileKey(3, 9);
        for (long block : new long[] {0, 1, 2, 1L << 40}) {
            long m = GeneratedBytes.mix(key + block * GeneratedBytes.GAMMA);
            long[] k = {1, GeneratedBytes.K1, GeneratedBytes.K2, GeneratedBytes.K3, GeneratedBytes.K4,
                GeneratedBytes.K5, GeneratedBytes.K6, GeneratedBytes.K7};
            assertThat(GeneratedBytes.word(key, 8 * block)).isEqualTo(m);
            for (int j = 1; j < 8; j++) {
                long product = m * k[j];
                assertThat(GeneratedBytes.word(key, 8 * block + j)).isEqualTo(product ^ (product >>> 32));
            }
        }
    }

    @Test
    void fillingGivesTheBytesOfTheDefinition() {
        assertThat(generate(7, 3, 10_001, 4096)).isEqualTo(byDefinition(7, 3, 0, 10_001));
        assertThat(generate(-1, 1L << 33, 10_001, 4096)).isEqualTo(byDefinition(-1, 1L << 33, 0, 10_001));
    }

    /** PROTOCOL.md, "Generated content": every row of its table of test vectors. */
    @Test
    void documentedTestVectorsHold() throws IOException {
        List<String[]> rows = documentedVectors();
        assertThat(rows).hasSize(2);
        for (String[] row : rows) {
            long seed = hexOrDecimal(row[0]).longValue();
            long index = hexOrDecimal(row[1]).longValueExact();
            String first32 = row[3].replace("`", "").replace(" ", "");
            assertThat(GeneratedBytes.fileKey(seed, index)).as(row[0]).isEqualTo(hexOrDecimal(row[2]).longValue());
            assertThat(HexFormat.of().formatHex(generate(seed, index, 32, 32))).as(row[0]).isEqualTo(first32);
            assertThat(GeneratedBytes.crc32c(seed, index, 100)).as(row[0]).isEqualTo(hexOrDecimal(row[4]).intValue());
            assertThat(GeneratedBytes.crc32c(seed, index, MIB)).as(row[0]).isEqualTo(hexOrDecimal(row[5]).intValue());
        }
    }

    /** The rows of the vector table: seed, index, key, first 32 bytes, CRC32C of 100 bytes, of 1 MiB. */
    private static List<String[]> documentedVectors() throws IOException {
        Path fromModule = Path.of("../docs/PROTOCOL.md");
        String document = Files.readString(Files.exists(fromModule) ? fromModule : Path.of("docs/PROTOCOL.md"),
                StandardCharsets.UTF_8);
        int section = document.indexOf("### Generated content");
        assertThat(section).isPositive();
        int header = document.indexOf("| seed | index |", section);
        assertThat(header).isPositive();
        List<String[]> rows = new ArrayList<>();
        String[] lines = document.substring(header).split("\n");
        for (int i = 2; i < lines.length && lines[i].startsWith("|"); i++) {
            String[] cells = lines[i].split("\\|");
            String[] row = new String[cells.length - 1];
            for (int c = 1; c < cells.length; c++) {
                row[c - 1] = cells[c].trim();
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@code `42`}, {@code `0x8EC99F51`}, or {@code `0xFEDC...` (-8198...)}: the value in the first backquotes. */
    private static java.math.BigInteger hexOrDecimal(String cell) {
        String value = cell.substring(cell.indexOf('`') + 1, cell.indexOf('`', cell.indexOf('`') + 1));
        return value.startsWith("0x") ? new java.math.BigInteger(value.substring(2), 16) : new java.math.BigInteger(value);
    }

    @Test
    void contentDoesNotDependOnThePiecesItIsGeneratedIn() {
        byte[] whole = generate(7, 3, 100_001, 100_008);
        assertThat(generate(7, 3, 100_001, 8)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 64 * 1024)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 1 << 20)).isEqualTo(whole);
        // pieces that cut words and blocks short: the rest of each starts the next piece
        assertThat(generate(7, 3, 100_001, 1)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 3)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 13)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 63)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 65)).isEqualTo(whole);
        assertThat(generate(7, 3, 100_001, 65_535)).isEqualTo(whole);
    }

    /** A frame's worth (1 MiB less the file id) is no multiple of 8; the next frame goes on where it stopped. */
    @Test
    void piecesAsLargeAsOneFileDataFrameHoldsGiveTheSameContent() {
        int size = 3 * FrameFormat.MAX_DATA_PER_FRAME + 5;
        assertThat(generate(7, 3, size, FrameFormat.MAX_DATA_PER_FRAME)).isEqualTo(generate(7, 3, size, 1 << 16));
    }

    @Test
    void anyByteCanBeGeneratedWithoutThoseBeforeIt() {
        byte[] whole = generate(5, 2, 70_000, 70_000);
        for (int from : new int[] {1, 7, 8, 9, 63, 64, 65, 1000, 65_536, 69_999}) {
            assertThat(generate(5, 2, from, 70_000 - from, 4096)).as("from byte %d", from)
                    .isEqualTo(Arrays.copyOfRange(whole, from, 70_000));
        }
        long far = (1L << 40) + 13;
        assertThat(generate(5, 2, far, 300, 128)).isEqualTo(byDefinition(5, 2, far, 300));
    }

    @Test
    void aNegativePositionIsRefused() {
        assertThatThrownBy(() -> new GeneratedBytes(1, 1).position(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
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

    /** The next file's content is not this one's moved on by a block, as it would be with an unmixed key. */
    @Test
    void neighbouringFilesDoNotShareBlocks() {
        byte[] second = generate(7, 2, 4096, 4096);
        byte[] firstOfThird = Arrays.copyOf(generate(7, 3, 64, 64), 64);
        for (int at = 0; at + 64 <= second.length; at += 64) {
            assertThat(Arrays.copyOfRange(second, at, at + 64)).isNotEqualTo(firstOfThird);
        }
    }

    /** Test data must not shrink when compressed: what a link or disk that compresses would make of it. */
    @Test
    void contentDoesNotCompress() {
        byte[] content = generate(1, 1, 4 * MIB, 1 << 16);
        Deflater deflater = new Deflater(1);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        assertThat(out.size()).isGreaterThanOrEqualTo(content.length);
    }

    /** Each byte value about as often as any other: 4 MiB in 256 bins, chi-square well below its 0.1% bound. */
    @Test
    void byteValuesAreEvenlySpread() {
        byte[] content = generate(2, 5, 4 * MIB, 1 << 16);
        long[] counts = new long[256];
        for (byte b : content) {
            counts[b & 0xff]++;
        }
        double expected = content.length / 256.0;
        double chiSquare = 0;
        for (long count : counts) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // 255 degrees of freedom: P(chi-square > 330.5) = 0.001
        assertThat(chiSquare).isLessThan(330.5);
    }

    @Test
    void crcOfAPrefixMatchesTheBytes() {
        byte[] content = generate(11, 1, 300_000, 1 << 16);
        for (int length : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 65_536, 65_537, 300_000}) {
            assertThat(GeneratedBytes.crc32c(11, 1, length)).as("%d bytes", length).isEqualTo(crc(content, length));
        }
    }
}
