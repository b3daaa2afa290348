package dev.txrx.sender;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Writes files of random bytes as {@code file_<n>.bits}. Each is written under a temporary name
 * and renamed into place in one atomic step, so its final name only ever shows complete
 * content, and a file being streamed is never rewritten: a newer file of the same name is a new
 * file that replaces the name, not the content.
 */
final class FileGenerator {

    /** Small enough that a thousand sessions generating at once stay light on memory. */
    private static final int CHUNK = 64 * 1024;

    private final Path directory;
    private final SplittableRandom random;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);

    FileGenerator(Path directory, SplittableRandom random) {
        this.directory = directory;
        this.random = random;
    }

    /** The name of the {@code index}-th file, counting from 1. */
    static String nameOf(long index) {
        return "file_" + index + ".bits";
    }

    /** Writes file number {@code index} of {@code size} random bytes and returns it open for reading. */
    GeneratedFile generate(long index, long size) throws IOException {
        String name = nameOf(index);
        Path target = directory.resolve(name);
        Path temp = directory.resolve("." + name + "." + Long.toHexString(random.nextLong()) + ".tmp");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            CRC32C crc = new CRC32C();
            long remaining = size;
            while (remaining > 0) {
                int n = (int) Math.min(remaining, CHUNK);
                fillRandom(n);
                crc.update(chunk.duplicate());
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                remaining -= n;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long mtime = Files.getLastModifiedTime(target).toMillis();
            return new GeneratedFile(index, name, target, size, (int) crc.getValue(), mtime, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private void fillRandom(int n) {
        chunk.clear();
        int longs = n / Long.BYTES;
        for (int i = 0; i < longs; i++) {
            chunk.putLong(random.nextLong());
        }
        long tail = random.nextLong();
        while (chunk.position() < n) {
            chunk.put((byte) tail);
            tail >>>= 8;
        }
        chunk.flip();
    }
}
