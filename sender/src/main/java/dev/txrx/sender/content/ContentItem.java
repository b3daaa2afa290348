package dev.txrx.sender;

import dev.txrx.common.io.FileChecksums;
import dev.txrx.common.protocol.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** One thing a session sends: a directory, or a file on disk or generated as it is sent. */
sealed interface ContentItem {

    /** A directory of the tree, sent as a DIRECTORY frame before what is inside it. */
    record Directory(Frame.Directory frame) implements ContentItem {
    }

    /** A file to send, whatever holds its bytes: what FILE_START says of it, and its checksums. */
    sealed interface AnyFile extends ContentItem, AutoCloseable permits File, Streamed {
        long id();

        String name();

        long size();

        long mtimeMillis();

        int mode();

        /** The CRC32C of the whole file, for FILE_END; waits for it if it is still being computed. */
        int awaitCrc32c() throws IOException, InterruptedException;

        /** The CRC32C of the first {@code length} bytes, to check what a resuming receiver holds. */
        int crc32cOfPrefix(long length) throws IOException, InterruptedException;

        @Override
        void close() throws IOException;
    }

    /**
     * A file to stream from {@code channel}. Its CRC32C may still be being computed on another
     * thread while the file is sent; it is needed only for FILE_END. A null {@code crc32c} means
     * nobody computed it yet: {@link #awaitCrc32c()} reads the file for it (small files, which the
     * session usually checksums itself as it reads them to send). The file may still be being
     * written: {@code written} says how much of it can be read.
     */
    record File(long id, String name, long size, long mtimeMillis, int mode, FileChannel channel,
                CompletableFuture<Integer> crc32c, WriteProgress written) implements AnyFile {

        /** Waits for the CRC32C, passing on the failure of the thread that computed it. */
        @Override
        public int awaitCrc32c() throws IOException, InterruptedException {
            if (crc32c == null) {
                written.awaitAtLeast(size);
                return FileChecksums.crc32c(channel, size);
            }
            try {
                return crc32c.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                if (cause instanceof IOException io) {
                    throw new SourceFailedException("cannot checksum " + name + ": " + io.getMessage(), io);
                }
                throw new SourceFailedException("cannot checksum " + name + ": " + cause, cause);
            }
        }

        /** Reads the first {@code length} bytes once they are written. */
        @Override
        public int crc32cOfPrefix(long length) throws IOException, InterruptedException {
            written.awaitAtLeast(length);
            return FileChecksums.crc32c(channel, length);
        }

        @Override
        public void close() throws IOException {
            if (crc32c != null) {
                crc32c.cancel(false);
            }
            channel.close();
        }
    }

    /** A file generated in memory as it is sent, and never stored ({@code --no-save}). */
    record Streamed(long id, String name, long size, long mtimeMillis, int mode, StreamedFile content)
            implements AnyFile {

        @Override
        public int awaitCrc32c() throws IOException, InterruptedException {
            return content.awaitCrc32c();
        }

        @Override
        public int crc32cOfPrefix(long length) {
            return content.crc32cOfPrefix(length);
        }

        @Override
        public void close() {
            content.close();
        }
    }

    /** There is nothing more to send. */
    record End() implements ContentItem {
    }
}
