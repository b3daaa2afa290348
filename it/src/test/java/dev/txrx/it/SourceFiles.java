package dev.txrx.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

/** Builds the files and directories the tests send, with chosen content, permissions and times. */
final class SourceFiles {

    private SourceFiles() {
    }

    /** Writes {@code content} to {@code file}, creating its parents, and gives it {@code permissions} and {@code mtime}. */
    static Path file(Path file, byte[] content, String permissions, Instant mtime) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return file;
    }

    /**
     * Gives a directory its permissions and modification time. Call it after its content is
     * complete: adding an entry changes a directory's time.
     */
    static Path directory(Path directory, String permissions, Instant mtime) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
        Files.getFileAttributeView(directory, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(mtime), null, null);
        return directory;
    }

    /** {@code size} bytes of seeded random content: the same seed gives the same bytes. */
    static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A distinctive modification time to the millisecond, {@code n} days and {@code n * 111} ms after 2001-02-03T04:05:06.789Z. */
    static Instant time(int n) {
        return Instant.parse("2001-02-03T04:05:06.789Z").plusSeconds(86_400L * n).plusMillis(111L * n);
    }
}
