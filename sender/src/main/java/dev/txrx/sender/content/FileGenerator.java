package dev.txrx.sender.content;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * Writes generated files (see {@link GeneratedBytes}) as {@code file_<n>.bits}. Each is written
 * under a temporary name and renamed into place in one atomic step, so its final name only ever
 * shows complete content, and a file being streamed is never rewritten: a newer file of the same
 * name is a new file that replaces the name, not the content. The file can be read, and sent,
 * while it is written: {@link #create} opens it, {@link #write} fills it and publishes how far it
 * got.
 */
final class FileGenerator {

    /** Small enough that a thousand sessions generating at once stay light on memory. */
    private static final int CHUNK = 64 * 1024;

    private final Path directory;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);

    FileGenerator(Path directory) {
        this.directory = directory;
    }

    /** The name of the {@code index}-th file, counting from 1. */
    static String nameOf(long index) {
        return "file_" + index + ".bits";
    }

    /**
     * Creates file number {@code index}, empty, under a temporary name, and opens it for reading.
     * Its time is now; it gets it when {@link #write} completes it.
     */
    GeneratedFile create(long index, long size) throws IOException {
        String name = nameOf(index);
        // Not drawn from the session's seed: sessions with the same seed generate at the same time.
        Path temp = directory.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        try {
            FileChannel reader = FileChannel.open(temp, StandardOpenOption.READ);
            return new GeneratedFile(index, name, directory.resolve(name), temp, size, System.currentTimeMillis(), reader,
                    new WriteProgress(size), new CompletableFuture<>());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Writes the content {@code bytes} generates, from its position, into {@code file}, advancing its progress after
     * every chunk, then gives it its time and its final name and completes its CRC32C. On failure
     * the temporary file is deleted and the file's progress and CRC32C fail too.
     */
    void write(GeneratedFile file, GeneratedBytes bytes) throws IOException {
        Path temp = file.temp();
        try {
            CRC32C crc = new CRC32C();
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                long written = 0;
                while (written < file.size()) {
                    int n = (int) Math.min(CHUNK, file.size() - written);
                    bytes.fill(chunk, n);
                    crc.update(chunk);
                    chunk.rewind();
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    written += n;
                    file.progress().advance(written);
                }
            }
            Files.setLastModifiedTime(temp, FileTime.fromMillis(file.mtimeMillis()));
            Files.move(temp, file.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            file.crc32c().complete((int) crc.getValue());
        } catch (IOException | RuntimeException e) {
            file.progress().fail(new SourceFailedException("cannot generate " + file.name() + ": " + e.getMessage(),
                    "cannot generate " + file.name() + ": " + Reasons.withoutPath(e), e));
            file.crc32c().completeExceptionally(e);
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
