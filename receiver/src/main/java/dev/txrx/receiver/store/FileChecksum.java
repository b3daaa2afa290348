package dev.txrx.receiver.store;

import dev.txrx.common.io.FileChecksums;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The CRC32C of one file's content, as its bytes arrive or as they are held: the one place the
 * receiver computes a file's checksum. A file that goes on from bytes held since an earlier
 * connection goes on from their checksum, so those bytes are read only once. The JDK cannot
 * combine two CRC32C values, which is why the state is kept, not just its value.
 *
 * <p>Not thread-safe: one file, one receiving thread.
 */
public final class FileChecksum {

    private final CRC32C crc = new CRC32C();
    private long length;

    /** Adds {@code data}, from its position to its limit, leaving the buffer as it was. */
    public void update(ByteBuffer data) {
        length += data.remaining();
        crc.update(data.duplicate());
    }

    /** The checksum of the bytes added so far. */
    public int value() {
        return (int) crc.getValue();
    }

    /** How many bytes were added. */
    public long length() {
        return length;
    }

    /**
     * The checksum of the first {@code length} bytes of {@code file}, read with positional reads.
     *
     * @throws java.io.EOFException if the file is shorter
     */
    static FileChecksum of(FileChannel file, long length) throws IOException {
        FileChecksum checksum = new FileChecksum();
        FileChecksums.update(checksum.crc, file, 0, length);
        checksum.length = length;
        return checksum;
    }
}
