package dev.txrx.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChecksumsTest {

    @TempDir
    Path dir;

    private Path file(int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(dir.resolve("f" + size), content);
    }

    private static int expected(Path file, int length) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(Files.readAllBytes(file), 0, length);
        return (int) crc.getValue();
    }

    @Test
    void readAndMappedChecksumsAgreeWithTheBytesForWholeFilesAndPrefixes() throws IOException {
        for (int size : new int[] {0, 1, 4095, (1 << 20) - 1, 1 << 20, (3 << 20) + 17}) {
            Path path = file(size);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                for (int length : new int[] {0, size / 3, size}) {
                    assertThat(FileChecksums.crc32c(channel, length)).as("read %d of %d", length, size)
                            .isEqualTo(expected(path, length));
                    assertThat(FileChecksums.crc32cMapped(channel, length)).as("mapped %d of %d", length, size)
                            .isEqualTo(expected(path, length));
                }
            }
        }
    }

    @Test
    void aChecksumContinuedFromAPrefixIsTheChecksumOfTheWholeFile() throws IOException {
        int size = (2 << 20) + 5;
        Path path = file(size);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            for (int held : new int[] {0, 1, 1 << 20, size - 1, size}) {
                CRC32C crc = new CRC32C();
                FileChecksums.update(crc, channel, 0, held);
                assertThat((int) crc.getValue()).as("prefix of %d", held).isEqualTo(expected(path, held));
                FileChecksums.update(crc, channel, held, size);
                assertThat((int) crc.getValue()).as("continued from %d", held).isEqualTo(expected(path, size));
            }
            assertThatThrownBy(() -> FileChecksums.update(new CRC32C(), channel, 10, size + 1L))
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aFileSpanningSeveralMappingsIsChecksummedWhole() throws IOException {
        int size = (5 << 20) + 4099;
        Path path = file(size);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            // windows of 1 MiB and of an odd number of pages: six mappings, the last one short
            assertThat(FileChecksums.crc32cMapped(channel, size, 1 << 20)).isEqualTo(expected(path, size));
            assertThat(FileChecksums.crc32cMapped(channel, size, 3 * 4096 * 37)).isEqualTo(expected(path, size));
        }
    }

    @Test
    void aFileShorterThanAskedEndsInEofEitherWay() throws IOException {
        Path path = file(2 << 20);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> FileChecksums.crc32c(channel, (2 << 20) + 1)).isInstanceOf(EOFException.class)
                    .hasMessageContaining("ended at byte " + (2 << 20));
            assertThatThrownBy(() -> FileChecksums.crc32cMapped(channel, (2 << 20) + 1)).isInstanceOf(EOFException.class)
                    .hasMessageContaining("ended at byte " + (2 << 20));
        }
    }
}
