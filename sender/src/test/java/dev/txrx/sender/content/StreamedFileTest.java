package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StreamedFileTest {

    private static final int BUFFER = 64 * 1024;

    private static byte[] expected(long seed, long index, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        new GeneratedBytes(seed, index).fill(buffer, size);
        return buffer.array();
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** Opens the file at {@code position}, generates it on another thread and collects what the session would send. */
    private static byte[] send(StreamedFile file, long position, int size) throws Exception {
        CompletableFuture<Void> generating = CompletableFuture.runAsync(() -> {
            try {
                file.generate();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        file.open(position);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        while (sent.size() < size - position) {
            ByteBuffer data = file.next(TimeUnit.SECONDS.toMillis(10));
            assertThat(data).as("a filled buffer within 10 s").isNotNull();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            sent.write(bytes);
            file.release(data);
        }
        generating.get(10, TimeUnit.SECONDS);
        return sent.toByteArray();
    }

    @Test
    void sendsEveryByteOfItsSizeWithTheCrcOfThoseBytes() throws Exception {
        BufferRing ring = new BufferRing(3, BUFFER);
        for (int size : new int[] {0, 1, 7, 8, BUFFER - 1, BUFFER, BUFFER + 1, 5 * BUFFER + 13}) {
            StreamedFile file = new StreamedFile(21, 4, size, ring);
            byte[] sent = send(file, 0, size);
            assertThat(sent).as("%d bytes", size).isEqualTo(expected(21, 4, size));
            assertThat(file.awaitCrc32c()).isEqualTo(crc(sent));
        }
    }

    @Test
    void isTheSameForTheSameSeedAndIndexAndDiffersOtherwise() throws Exception {
        BufferRing ring = new BufferRing(2, BUFFER);
        int size = 3 * BUFFER + 5;
        byte[] first = send(new StreamedFile(1, 2, size, ring), 0, size);
        assertThat(send(new StreamedFile(1, 2, size, ring), 0, size)).isEqualTo(first);
        assertThat(send(new StreamedFile(1, 3, size, ring), 0, size)).isNotEqualTo(first);
        assertThat(send(new StreamedFile(9, 2, size, ring), 0, size)).isNotEqualTo(first);
    }

    @Test
    void openedAtAPositionSendsTheRestAndStillChecksumsTheWholeFile() throws Exception {
        BufferRing ring = new BufferRing(2, BUFFER);
        int size = 4 * BUFFER + 100;
        byte[] whole = expected(3, 1, size);
        for (long position : new long[] {1, BUFFER - 3, BUFFER, 2 * BUFFER + 17, size}) {
            StreamedFile file = new StreamedFile(3, 1, size, ring);
            assertThat(file.crc32cOfPrefix(position)).isEqualTo(crc(Arrays.copyOf(whole, (int) position)));
            byte[] sent = send(file, position, size);
            assertThat(sent).as("from %d", position).isEqualTo(Arrays.copyOfRange(whole, (int) position, size));
            assertThat(file.awaitCrc32c()).isEqualTo(crc(whole));
        }
    }

    @Test
    void aFileThatIsNeverOpenedStillKnowsItsCrcAndLetsItsGeneratorGoWhenClosed() throws Exception {
        BufferRing ring = new BufferRing(2, BUFFER);
        StreamedFile file = new StreamedFile(5, 6, 100_000, ring);
        assertThat(file.awaitCrc32c()).isEqualTo(crc(expected(5, 6, 100_000)));
        CompletableFuture<Void> generating = CompletableFuture.runAsync(() -> {
            try {
                file.generate();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        file.close();
        generating.get(10, TimeUnit.SECONDS);
    }

    @Test
    void closedHalfWayTheGeneratorStopsAndTheRingGetsItsBuffersBack() throws Exception {
        BufferRing ring = new BufferRing(2, BUFFER);
        StreamedFile dropped = new StreamedFile(5, 1, 50L * BUFFER, ring);
        CompletableFuture<Void> generating = CompletableFuture.runAsync(() -> {
            try {
                dropped.generate();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dropped.open(0);
        ByteBuffer first = dropped.next(TimeUnit.SECONDS.toMillis(10));
        assertThat(first).isNotNull();
        dropped.release(first);
        dropped.close();
        generating.get(10, TimeUnit.SECONDS);
        int size = 3 * BUFFER;
        assertThat(send(new StreamedFile(5, 2, size, ring), 0, size)).isEqualTo(expected(5, 2, size));
    }

    @Test
    void aPrefixIsCheckedByGeneratingItAgain() {
        int size = 3 * BUFFER + 11;
        StreamedFile file = new StreamedFile(77, 5, size, new BufferRing(2, BUFFER));
        byte[] content = expected(77, 5, size);
        for (int length : new int[] {0, 1, BUFFER + 3, size}) {
            CRC32C crc = new CRC32C();
            crc.update(content, 0, length);
            assertThat(file.crc32cOfPrefix(length)).as("%d bytes", length).isEqualTo((int) crc.getValue());
        }
    }
}
