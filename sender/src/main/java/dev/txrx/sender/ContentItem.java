package dev.txrx.sender;

import dev.txrx.common.protocol.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** One thing a session sends: a directory, or a file open for reading. */
sealed interface ContentItem {

    /** A directory of the tree, sent as a DIRECTORY frame before what is inside it. */
    record Directory(Frame.Directory frame) implements ContentItem {
    }

    /**
     * A file to stream from {@code channel}. Its CRC32C may still be being computed on another
     * thread while the file is sent; it is needed only for FILE_END. A null {@code crc32c} means
     * nobody computed it yet: {@link #awaitCrc32c()} reads the file for it (small files, which the
     * session usually checksums itself as it reads them to send).
     */
    record File(long id, String name, long size, long mtimeMillis, int mode, FileChannel channel,
                CompletableFuture<Integer> crc32c) implements ContentItem, AutoCloseable {

        /** Waits for the CRC32C, passing on the failure of the thread that computed it. */
        int awaitCrc32c() throws IOException, InterruptedException {
            if (crc32c == null) {
                return dev.txrx.common.io.FileChecksums.crc32c(channel, size);
            }
            try {
                return crc32c.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                if (cause instanceof IOException io) {
                    throw new IOException("cannot checksum " + name + ": " + io.getMessage(), io);
                }
                throw new IOException("cannot checksum " + name + ": " + cause, cause);
            }
        }

        @Override
        public void close() throws IOException {
            if (crc32c != null) {
                crc32c.cancel(false);
            }
            channel.close();
        }
    }

    /** There is nothing more to send. */
    record End() implements ContentItem {
    }
}
