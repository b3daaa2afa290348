package dev.txrx.receiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written under a hidden temporary name ({@code .<name>.<random>.part}) next to its final
 * place, and renamed there in one atomic step only once it is verified. Until then no file of
 * the final name is created or changed.
 */
final class StagedFile implements IncomingFile {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final long mtimeMillis;

    private StagedFile(Path target, Path temp, FileChannel channel, long mtimeMillis) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.mtimeMillis = mtimeMillis;
    }

    /** Opens the temporary file for {@code target}, creating its parent directories. */
    static StagedFile create(Path target, long mtimeMillis) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new StagedFile(target, temp, channel, mtimeMillis);
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    @Override
    public void commit() throws IOException {
        try {
            channel.close();
            if (mtimeMillis > 0) {
                Files.setLastModifiedTime(temp, FileTime.fromMillis(mtimeMillis));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
    }

    @Override
    public void abandon() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .part file is hidden and never mistaken for a finished one
        }
    }
}
