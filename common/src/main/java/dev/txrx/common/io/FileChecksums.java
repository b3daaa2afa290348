package dev.txrx.common.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/** CRC32C of file content, read with positional reads so that other readers of the channel are undisturbed. */
public final class FileChecksums {

    private static final int BUFFER = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));

    private FileChecksums() {
    }

    /**
     * The CRC32C of bytes {@code 0} to {@code length - 1} of {@code file}.
     *
     * @throws EOFException if the file is shorter than {@code length}
     */
    public static int crc32c(FileChannel file, long length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = BUFFERS.get();
        long position = 0;
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
        return (int) crc.getValue();
    }
}
