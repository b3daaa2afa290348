package dev.txrx.common.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * CRC32C of file content, read with positional reads (or through a mapping) so that other
 * readers of the channel are undisturbed.
 */
public final class FileChecksums {

    private static final int BUFFER = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));
    /** How much of a file one mapping covers. */
    static final long WINDOW = 64L << 20;

    private FileChecksums() {
    }

    /**
     * The CRC32C of bytes {@code 0} to {@code length - 1} of {@code file}, read into a buffer.
     * Safe whatever happens to the file meanwhile: a file that shrinks ends in an EOFException.
     *
     * @throws EOFException if the file is shorter than {@code length}
     */
    public static int crc32c(FileChannel file, long length) throws IOException {
        CRC32C crc = new CRC32C();
        read(file, 0, length, crc);
        return (int) crc.getValue();
    }

    /**
     * Adds bytes {@code from} to {@code to - 1} of {@code file} to {@code crc}: continues a checksum
     * of a prefix already read, so that those bytes are not read again.
     *
     * @throws EOFException if the file is shorter than {@code to}
     */
    public static void update(CRC32C crc, FileChannel file, long from, long to) throws IOException {
        read(file, from, to, crc);
    }

    /**
     * The same as {@link #crc32c}, but a file of at least 1 MiB is read through read-only mappings
     * of 64 MiB, which saves copying it; shorter files, and the rest of a file whose mapping fails,
     * are read as by {@link #crc32c}. No transfer uses it: measured with JMH on a file in the page
     * cache, the page faults of each fresh mapping cost more than the copy it saves, and it was
     * slower than reading (docs/BENCHMARKS.md, "Microbenchmarks").
     *
     * <p><b>Only for a file that no one can truncate meanwhile</b>, such as one this process writes
     * and no other process knows of: if the file shrinks while its mapping is read, the process
     * gets SIGBUS inside the JVM's CRC32C routine, and the JVM dies (checked with OpenJDK 17), where
     * {@link #crc32c} would throw an EOFException.
     *
     * @throws EOFException if the file is shorter than {@code length}
     */
    public static int crc32cMapped(FileChannel file, long length) throws IOException {
        return crc32cMapped(file, length, WINDOW);
    }

    /** {@link #crc32cMapped(FileChannel, long)} with mappings of {@code window} bytes. */
    static int crc32cMapped(FileChannel file, long length, long window) throws IOException {
        CRC32C crc = new CRC32C();
        long position = 0;
        // A file shorter than asked is read, so that the EOFException says where it ended.
        if (length >= BUFFER && file.size() >= length) {
            try {
                while (position < length) {
                    long n = Math.min(window, length - position);
                    crc.update(file.map(FileChannel.MapMode.READ_ONLY, position, n));
                    position += n;
                }
            } catch (IOException | UnsupportedOperationException cannotMap) {
                // Read what is left instead: the file system cannot map, or there is no room for another mapping.
            }
        }
        read(file, position, length, crc);
        return (int) crc.getValue();
    }

    /** Adds bytes {@code from} to {@code length - 1} of {@code file} to {@code crc}, read into this thread's buffer. */
    private static void read(FileChannel file, long from, long length, CRC32C crc) throws IOException {
        ByteBuffer buffer = BUFFERS.get();
        long position = from;
        while (position < length) {
            buffer.clear().limit((int) Math.min(BUFFER, length - position));
            int n = file.read(buffer, position);
            if (n < 0) {
                throw new EOFException("file ended at byte " + position + " of " + length);
            }
            buffer.flip();
            crc.update(buffer);
            position += n;
        }
    }
}
