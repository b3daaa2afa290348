package dev.txrx.sender.content;

import dev.txrx.common.protocol.Frame;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** One thing a conversation sends: a directory, or a file on disk or generated as it is sent. */
public sealed interface ContentItem {

    /** A directory of the tree, sent as a DIRECTORY frame before what is inside it. */
    record Directory(Frame.Directory frame) implements ContentItem {
    }

    /** A file to send, whatever holds its bytes: what FILE_START says of it, and its checksums. */
    sealed interface AnyFile extends ContentItem, AutoCloseable permits File, Streamed, Piped {
        long id();

        String name();

        /** The size FILE_START gives: the file's, or {@link Frame.FileStart#UNKNOWN_SIZE} for a stream. */
        long size();

        /** False for a stream, whose size is known only once it has been sent. */
        default boolean sizeKnown() {
            return size() != Frame.FileStart.UNKNOWN_SIZE;
        }

        /** The bytes the file has: its size, or, for a stream once sent, how many there were. */
        default long length() {
            return size();
        }

        long mtimeMillis();

        int mode();

        /** The CRC32C of the first {@code length} bytes, to check what a resuming receiver holds. */
        int crc32cOfPrefix(long length) throws IOException, InterruptedException;

        /**
         * The file goes out from byte {@code position}: starts making what is needed to send it
         * from there, and its CRC32C.
         */
        void open(long position);

        /** The CRC32C of the whole file, for FILE_END; waits for it if it is still being computed. */
        int awaitCrc32c() throws IOException, InterruptedException;

        @Override
        void close() throws IOException;
    }

    /**
     * A file to send from {@code channel}, by sendfile or, when small, read whole. It may still be
     * being written: {@code written} says how much of it can be read.
     */
    record File(long id, String name, long size, long mtimeMillis, int mode, FileChannel channel,
                WriteProgress written, FileChecksum checksum) implements AnyFile {

        @Override
        public int crc32cOfPrefix(long length) throws IOException, InterruptedException {
            return checksum.ofPrefix(length);
        }

        @Override
        public void open(long position) {
            checksum.start();
        }

        /**
         * Reads the whole file into {@code buffer}, once it is written, to send it in one piece.
         *
         * @return its CRC32C, computed from those bytes; the buffer holds them, ready to read
         */
        public int readWhole(ByteBuffer buffer) throws IOException, InterruptedException {
            written.awaitAtLeast(size);
            buffer.clear().limit(Math.toIntExact(size));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, buffer.position()) < 0) {
                    throw new EOFException(name + " ended at byte " + buffer.position() + " of " + size);
                }
            }
            return checksum.ofContent(buffer.flip());
        }

        @Override
        public int awaitCrc32c() throws IOException, InterruptedException {
            return checksum.await();
        }

        @Override
        public void close() throws IOException {
            checksum.cancel();
            channel.close();
        }
    }

    /** A file generated in memory as it is sent, and never stored ({@code --no-save}). */
    record Streamed(long id, String name, long size, long mtimeMillis, int mode, StreamedFile content)
            implements AnyFile {

        @Override
        public int crc32cOfPrefix(long length) {
            return content.crc32cOfPrefix(length);
        }

        @Override
        public void open(long position) {
            content.open(position);
        }

        @Override
        public int awaitCrc32c() throws IOException, InterruptedException {
            return content.awaitCrc32c();
        }

        @Override
        public void close() {
            content.close();
        }
    }

    /**
     * A file of unknown size read once from a pipe as it is sent ({@code sender --send -}): never
     * resumed, so no prefix of it is ever checksummed.
     */
    record Piped(long id, String name, long mtimeMillis, int mode, PipedFile content) implements AnyFile {

        @Override
        public long size() {
            return Frame.FileStart.UNKNOWN_SIZE;
        }

        @Override
        public long length() {
            return content.length();
        }

        @Override
        public int crc32cOfPrefix(long length) {
            throw new UnsupportedOperationException("a stream is never resumed, so no prefix of it is checked");
        }

        @Override
        public void open(long position) {
            if (position != 0) {
                throw new IllegalArgumentException("a stream starts at byte 0, not " + position);
            }
            content.open();
        }

        @Override
        public int awaitCrc32c() throws IOException, InterruptedException {
            return content.awaitCrc32c();
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
