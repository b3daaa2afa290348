package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.transport.LocalFailureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChecksumTest {

    private static final int SIZE = (3 << 20) + 11;
    private static final Executor HERE = Runnable::run;

    @TempDir
    Path dir;

    private final byte[] content = new byte[SIZE];
    private CountingChannel channel;

    @BeforeEach
    void aFile() throws IOException {
        new Random(5).nextBytes(content);
        Path path = Files.write(dir.resolve("f.bin"), content);
        channel = new CountingChannel(FileChannel.open(path, StandardOpenOption.READ));
    }

    @AfterEach
    void closeIt() throws IOException {
        channel.close();
    }

    private int crc(int length) {
        CRC32C crc = new CRC32C();
        crc.update(content, 0, length);
        return (int) crc.getValue();
    }

    @Test
    void theWholeFilesChecksumGoesOnFromAResumesPrefixReadingEachByteOnce() throws Exception {
        FileChecksum checksum = FileChecksum.reading("f.bin", channel, SIZE, HERE);

        assertThat(checksum.ofPrefix(1 << 20)).isEqualTo(crc(1 << 20));
        checksum.start();

        assertThat(checksum.await()).isEqualTo(crc(SIZE));
        assertThat(channel.read).isEqualTo(SIZE);
    }

    @Test
    void aFileReadWholeToBeSentIsNotReadAgainForItsChecksum() throws Exception {
        int size = 60_000;
        FileChecksum checksum = FileChecksum.reading("f.bin", channel, size, HERE);
        ContentItem.File file = new ContentItem.File(1, "f.bin", size, 0, 0644, channel, WriteProgress.whole(size),
                checksum);
        ByteBuffer buffer = ByteBuffer.allocate(size);

        assertThat(file.readWhole(buffer)).isEqualTo(crc(size));
        assertThat(buffer.remaining()).isEqualTo(size);
        file.open(0);

        assertThat(file.awaitCrc32c()).isEqualTo(crc(size));
        assertThat(channel.read).isEqualTo(size);
    }

    @Test
    void aFileNobodyStartedIsReadForItsChecksumWhenItIsAwaitedOnce() throws Exception {
        FileChecksum checksum = FileChecksum.reading("f.bin", channel, SIZE, HERE);

        assertThat(checksum.await()).isEqualTo(crc(SIZE));
        assertThat(checksum.await()).isEqualTo(crc(SIZE));
        assertThat(channel.read).isEqualTo(SIZE);
    }

    @Test
    void aGeneratedFileTakesItsWritersChecksumAndReadsOnlyAResumesPrefix() throws Exception {
        CompletableFuture<Integer> fromWriter = new CompletableFuture<>();
        FileChecksum checksum = FileChecksum.fromWriter("f.bin", channel, SIZE, WriteProgress.whole(SIZE), fromWriter);

        assertThat(checksum.ofPrefix(1000)).isEqualTo(crc(1000));
        checksum.start();
        fromWriter.complete(crc(SIZE));

        assertThat(checksum.await()).isEqualTo(crc(SIZE));
        assertThat(channel.read).isEqualTo(1000);
    }

    @Test
    void aFileThatCannotBeReadIsTheSendersOwnFailure() throws Exception {
        FileChecksum checksum = FileChecksum.reading("f.bin", channel, SIZE, HERE);
        channel.close();
        checksum.start();

        assertThatThrownBy(checksum::await).isInstanceOf(SourceFailedException.class)
                .isInstanceOf(LocalFailureException.class).hasMessageStartingWith("cannot checksum f.bin: ");
    }

    /** A file channel that counts the bytes read through it by position. */
    private static final class CountingChannel extends FileChannel {
        private final FileChannel file;
        private long read;

        CountingChannel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            int n = file.read(dst, position);
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void force(boolean metaData) {
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("reads only, to count them");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
