package dev.txrx.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void writesFileOfExactSizeUnderItsNameWithMatchingCrc() throws IOException {
        for (long size : new long[] {0, 1, 7, 8, 1023, (1 << 20) + 3}) {
            try (GeneratedFile file = new FileGenerator(dir, new SplittableRandom(size)).generate(3, size)) {
                assertThat(file.name()).isEqualTo("file_3.bits");
                assertThat(file.path()).isEqualTo(dir.resolve("file_3.bits"));
                byte[] content = Files.readAllBytes(file.path());
                assertThat(content).hasSize((int) size);
                CRC32C crc = new CRC32C();
                crc.update(content);
                assertThat(file.crc32c()).isEqualTo((int) crc.getValue());
            }
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing).extracting(p -> p.getFileName().toString()).containsExactly("file_3.bits");
        }
    }

    @Test
    void sameSeedGivesSameContent() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path c = Files.createDirectory(dir.resolve("c"));
        try (GeneratedFile fa = new FileGenerator(a, new SplittableRandom(9)).generate(1, 100_000);
             GeneratedFile fb = new FileGenerator(b, new SplittableRandom(9)).generate(1, 100_000);
             GeneratedFile fc = new FileGenerator(c, new SplittableRandom(10)).generate(1, 100_000)) {
            assertThat(Files.readAllBytes(fa.path())).isEqualTo(Files.readAllBytes(fb.path()));
            assertThat(Files.readAllBytes(fa.path())).isNotEqualTo(Files.readAllBytes(fc.path()));
        }
    }

    @Test
    void replacingAFileDoesNotChangeWhatAnOpenGenerationReads() throws IOException {
        try (GeneratedFile first = new FileGenerator(dir, new SplittableRandom(1)).generate(1, 50_000);
             GeneratedFile second = new FileGenerator(dir, new SplittableRandom(2)).generate(1, 70_000)) {
            ByteBuffer buffer = ByteBuffer.allocate(60_000);
            int n = first.channel().read(buffer, 0);
            assertThat(n).isEqualTo(50_000);
            CRC32C crc = new CRC32C();
            crc.update(buffer.flip());
            assertThat((int) crc.getValue()).isEqualTo(first.crc32c());
            assertThat(Files.size(dir.resolve("file_1.bits"))).isEqualTo(second.size());
        }
    }
}
