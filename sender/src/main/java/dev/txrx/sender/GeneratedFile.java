package dev.txrx.sender;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A file the generator wrote, still open for reading. Streaming goes through this channel, so
 * a later generation that replaces the file on disk under the same name cannot change what is
 * sent.
 */
record GeneratedFile(long id, String name, Path path, long size, int crc32c, long mtimeMillis, FileChannel channel)
        implements AutoCloseable {

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
