package dev.txrx.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChecksumTest {

    @TempDir
    Path dir;

    @Test
    void aChecksumOfHeldBytesGoesOnToTheChecksumOfTheWholeFile() throws IOException {
        byte[] content = new byte[3_000_000];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);

        FileChecksum checksum;
        try (FileChannel channel = FileChannel.open(file)) {
            checksum = FileChecksum.of(channel, 1_234_567);
        }
        assertThat(checksum.length()).isEqualTo(1_234_567);
        assertThat(checksum.value()).isEqualTo(crc(content, 0, 1_234_567));

        ByteBuffer rest = ByteBuffer.wrap(content, 1_234_567, content.length - 1_234_567);
        checksum.update(rest);
        assertThat(rest.remaining()).as("the buffer is left as it was").isEqualTo(content.length - 1_234_567);
        assertThat(checksum.value()).isEqualTo(crc(content, 0, content.length));
        assertThat(checksum.length()).isEqualTo(content.length);
    }

    @Test
    void aFileShorterThanAskedEndsInEof() throws IOException {
        Path file = Files.write(dir.resolve("short"), new byte[10]);
        try (FileChannel channel = FileChannel.open(file)) {
            assertThatThrownBy(() -> FileChecksum.of(channel, 11)).isInstanceOf(EOFException.class)
                    .hasMessageContaining("byte 10 of 11");
        }
    }

    @Test
    void nothingHasTheChecksumOfNothing() throws IOException {
        Path file = Files.write(dir.resolve("empty"), new byte[0]);
        try (FileChannel channel = FileChannel.open(file)) {
            assertThat(FileChecksum.of(channel, 0).value()).isEqualTo(new FileChecksum().value()).isZero();
        }
    }

    private static int crc(byte[] content, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(content, from, to - from);
        return (int) crc.getValue();
    }
}
