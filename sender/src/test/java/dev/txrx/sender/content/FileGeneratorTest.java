package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FileGeneratorTest {

    @TempDir
    Path dir;

    private GeneratedFile generate(Path directory, long seed, long index, long size) throws IOException {
        FileGenerator generator = new FileGenerator(directory);
        GeneratedFile file = generator.create(index, size);
        generator.write(file, new GeneratedBytes(seed, index));
        return file;
    }

    @Test
    void writesFileOfExactSizeUnderItsNameWithMatchingCrcAndAnnouncedTime() throws Exception {
        for (long size : new long[] {0, 1, 7, 8, 1023, (1 << 20) + 3}) {
            try (GeneratedFile file = generate(dir, size, 3, size)) {
                assertThat(file.name()).isEqualTo("file_3.bits");
                assertThat(file.path()).isEqualTo(dir.resolve("file_3.bits"));
                byte[] content = Files.readAllBytes(file.path());
                assertThat(content).hasSize((int) size);
                CRC32C crc = new CRC32C();
                crc.update(content);
                assertThat(file.crc32c().get()).isEqualTo((int) crc.getValue());
                assertThat(Files.getLastModifiedTime(file.path()).toMillis()).isEqualTo(file.mtimeMillis());
                assertThat(file.progress().await(size, 0)).isEqualTo(size);
            }
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing).extracting(p -> p.getFileName().toString()).containsExactly("file_3.bits");
        }
    }

    @Test
    void contentIsWhatGeneratedBytesMakesForTheSeedAndIndex() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path c = Files.createDirectory(dir.resolve("c"));
        try (GeneratedFile fa = generate(a, 9, 1, 100_003);
             GeneratedFile fb = generate(b, 9, 1, 100_003);
             GeneratedFile fc = generate(c, 10, 1, 100_003)) {
            byte[] expected = new byte[100_003];
            ByteBuffer buffer = ByteBuffer.allocate(expected.length);
            new GeneratedBytes(9, 1).fill(buffer, expected.length);
            buffer.get(expected);
            assertThat(Files.readAllBytes(fa.path())).isEqualTo(expected).isEqualTo(Files.readAllBytes(fb.path()));
            assertThat(Files.readAllBytes(fc.path())).isNotEqualTo(expected);
        }
    }

    @Test
    void theFileCanBeReadWhileWrittenAndItsNameAppearsOnlyWhenComplete() throws Exception {
        long size = 8L << 20;
        FileGenerator generator = new FileGenerator(dir);
        try (GeneratedFile file = generator.create(1, size)) {
            assertThat(dir.resolve("file_1.bits")).doesNotExist();
            assertThat(file.progress().await(1, 0)).isZero();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    generator.write(file, new GeneratedBytes(5, 1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long half = file.progress().await(size / 2, TimeUnit.SECONDS.toMillis(20));
            assertThat(half).isGreaterThanOrEqualTo(size / 2);
            ByteBuffer prefix = ByteBuffer.allocate((int) (size / 2));
            while (prefix.hasRemaining()) {
                assertThat(file.channel().read(prefix, prefix.position())).isPositive();
            }
            writing.get(20, TimeUnit.SECONDS);
            assertThat(dir.resolve("file_1.bits")).hasSize(size);
            assertThat(prefix.array()).isEqualTo(java.util.Arrays.copyOf(Files.readAllBytes(file.path()), (int) (size / 2)));
        }
    }

    @Test
    void twoSessionsOfTheSameSeedGenerateTheSameFileAtOnceEachUnderItsOwnTemporaryName() throws Exception {
        FileGenerator one = new FileGenerator(dir);
        FileGenerator other = new FileGenerator(dir);
        try (GeneratedFile first = one.create(1, 100_000); GeneratedFile second = other.create(1, 100_000)) {
            assertThat(first.temp()).isNotEqualTo(second.temp());
            one.write(first, new GeneratedBytes(7, 1));
            other.write(second, new GeneratedBytes(7, 1));
            assertThat(first.crc32c().get()).isEqualTo(second.crc32c().get());
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing).extracting(p -> p.getFileName().toString()).containsExactly("file_1.bits");
        }
    }

    @Test
    void aFailedWriteDeletesTheTemporaryFileAndFailsItsProgress() throws Exception {
        FileGenerator generator = new FileGenerator(dir);
        try (GeneratedFile file = generator.create(2, 1000)) {
            Files.delete(file.temp());
            Files.createDirectory(file.temp());
            assertThatThrownBy(() -> generator.write(file, new GeneratedBytes(1, 2))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> file.progress().await(1000, 0)).hasMessageContaining("cannot generate file_2.bits");
            assertThat(file.crc32c()).isCompletedExceptionally();
            assertThat(dir.resolve("file_2.bits")).doesNotExist();
        }
    }

    @Test
    void replacingAFileDoesNotChangeWhatAnOpenGenerationReads() throws Exception {
        try (GeneratedFile first = generate(dir, 1, 1, 50_000);
             GeneratedFile second = generate(dir, 2, 1, 70_000)) {
            ByteBuffer buffer = ByteBuffer.allocate(60_000);
            int n = first.channel().read(buffer, 0);
            assertThat(n).isEqualTo(50_000);
            CRC32C crc = new CRC32C();
            crc.update(buffer.flip());
            assertThat((int) crc.getValue()).isEqualTo(first.crc32c().get());
            assertThat(Files.size(dir.resolve("file_1.bits"))).isEqualTo(second.size());
        }
    }
}
