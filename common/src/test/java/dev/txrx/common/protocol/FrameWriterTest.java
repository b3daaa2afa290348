package dev.txrx.common.protocol;

import static dev.txrx.common.protocol.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer puts on the wire, checked against frame boundaries parsed by hand. */
class FrameWriterTest {

    private static final int MAX_DATA = FrameFormat.MAX_DATA_PER_FRAME;

    @TempDir
    Path dir;

    /** A FILE_DATA frame as parsed from raw bytes: file id and data length. */
    record DataFrame(long id, int dataLength) {
    }

    @Test
    void maximumDataPerFrameIsThePayloadLimitLessTheFileId() {
        assertThat(MAX_DATA).isEqualTo(1_048_572);
    }

    @Test
    void writeDataSplitsAtMaximumDataPerFrame() throws IOException {
        byte[] data = randomBytes(2 * MAX_DATA + 3, 1);

        byte[] wire = writeData(7, data);

        assertThat(dataFrames(wire)).containsExactly(
                new DataFrame(7, MAX_DATA), new DataFrame(7, MAX_DATA), new DataFrame(7, 3));
        assertThat(dataOf(wire)).isEqualTo(data);
    }

    @Test
    void writeDataOfExactlyMaximumIsOneFrame() throws IOException {
        byte[] wire = writeData(1, new byte[MAX_DATA]);

        assertThat(dataFrames(wire)).containsExactly(new DataFrame(1, MAX_DATA));
        assertThat(wire).hasSize(FrameFormat.HEADER_LENGTH + FrameFormat.MAX_PAYLOAD_LENGTH);
    }

    @Test
    void writeDataOfOneMoreThanMaximumIsTwoFrames() throws IOException {
        byte[] wire = writeData(1, new byte[MAX_DATA + 1]);

        assertThat(dataFrames(wire)).containsExactly(new DataFrame(1, MAX_DATA), new DataFrame(1, 1));
    }

    @Test
    void writeDataOfNothingIsOneEmptyFrame() throws IOException {
        byte[] wire = writeData(1, new byte[0]);

        assertThat(hex(wire)).isEqualTo("00 00 00 04 11 00 00 00 01");
    }

    @Test
    void writeDataWritesTheRemainingBytesOfTheBufferOnly() throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap("xxhelloyy".getBytes(StandardCharsets.US_ASCII), 2, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new FrameWriter(Channels.newChannel(out)).writeData(1, buffer);

        assertThat(hex(out.toByteArray())).isEqualTo("00 00 00 09 11 00 00 00 01 68 65 6c 6c 6f");
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void writeDataThroughGatheringChannelWritesTheSameBytes() throws IOException {
        byte[] data = randomBytes(MAX_DATA + 100, 2);
        Path target = dir.resolve("gathered");

        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            FrameWriter writer = new FrameWriter(channel);
            writer.writeData(3, ByteBuffer.wrap(data));
            assertThat(writer.bytesWritten()).isEqualTo(Files.size(target));
        }

        assertThat(Files.readAllBytes(target)).isEqualTo(writeData(3, data));
    }

    @Test
    void transferDataFromFileWritesTheSameBytesAsWriteData() throws IOException {
        byte[] data = randomBytes(2 * MAX_DATA + 12_345, 3);
        Path file = Files.write(dir.resolve("content"), data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FrameWriter writer = new FrameWriter(Channels.newChannel(out));
            writer.transferData(5, channel, 0, data.length, MAX_DATA);
            assertThat(writer.bytesWritten()).isEqualTo(out.size());
        }

        assertThat(out.toByteArray()).isEqualTo(writeData(5, data));
    }

    @Test
    void transferDataSplitsAtTheGivenFrameSize() throws IOException {
        byte[] data = randomBytes(10_000, 4);
        Path file = Files.write(dir.resolve("content"), data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            new FrameWriter(Channels.newChannel(out)).transferData(2, channel, 1000, 9000, 4096);
        }

        assertThat(dataFrames(out.toByteArray())).containsExactly(
                new DataFrame(2, 4096), new DataFrame(2, 4096), new DataFrame(2, 808));
        assertThat(dataOf(out.toByteArray())).isEqualTo(Arrays.copyOfRange(data, 1000, 10_000));
    }

    @Test
    void transferDataRejectsFrameSizeOutsideItsRange() throws IOException {
        Path file = Files.write(dir.resolve("content"), new byte[10]);
        FrameWriter writer = new FrameWriter(Channels.newChannel(new ByteArrayOutputStream()));

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> writer.transferData(1, channel, 0, 10, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDataPerFrame");
            assertThatThrownBy(() -> writer.transferData(1, channel, 0, 10, MAX_DATA + 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDataPerFrame");
        }
    }

    @Test
    void transferDataRejectsFileShorterThanAnnounced() throws IOException {
        Path file = Files.write(dir.resolve("content"), new byte[10]);
        FrameWriter writer = new FrameWriter(Channels.newChannel(new ByteArrayOutputStream()));

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> writer.transferData(1, channel, 0, 20, MAX_DATA))
                    .isInstanceOf(EOFException.class).hasMessageContaining("file ended at byte 10 of 20");
        }
    }

    @Test
    void writesControlFramesAsTheCodecEncodesThem() throws IOException {
        Frame frame = new Frame.FileStart(9, 100, 0, 0, 0644, "a/b");
        ByteBuffer encoded = FrameCodec.encode(frame);

        assertThat(WireBytes.written(frame)).isEqualTo(WireBytes.bytes(encoded));
    }

    @Test
    void writesFileDataFrameObjectLikeWriteDataAndLeavesItsBufferAlone() throws IOException {
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3});

        byte[] wire = WireBytes.written(new Frame.FileData(4, data));

        assertThat(hex(wire)).isEqualTo("00 00 00 07 11 00 00 00 04 01 02 03");
        assertThat(data.remaining()).isEqualTo(3);
    }

    @Test
    void countsEveryByteWritten() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Channels.newChannel(out));

        writer.write(new Frame.Request(RequestKind.FILES));
        writer.writeData(1, ByteBuffer.wrap(new byte[10]));
        writer.write(new Frame.FileEnd(1, 0));

        assertThat(writer.bytesWritten()).isEqualTo(out.size()).isEqualTo(6 + 19 + 13);
    }

    private static byte[] writeData(long id, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FrameWriter(Channels.newChannel(out)).writeData(id, ByteBuffer.wrap(data));
        return out.toByteArray();
    }

    /** Walks the frame headers by hand; every frame must be FILE_DATA. */
    private static List<DataFrame> dataFrames(byte[] wire) {
        List<DataFrame> frames = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(wire);
        while (in.hasRemaining()) {
            int length = in.getInt();
            assertThat(in.get()).isEqualTo(FrameType.FILE_DATA.code());
            long id = in.getInt() & 0xffff_ffffL;
            frames.add(new DataFrame(id, length - Integer.BYTES));
            in.position(in.position() + length - Integer.BYTES);
        }
        return frames;
    }

    /** The data of all FILE_DATA frames in {@code wire}, concatenated. */
    private static byte[] dataOf(byte[] wire) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.wrap(wire);
        while (in.hasRemaining()) {
            int length = in.getInt();
            in.position(in.position() + 1 + Integer.BYTES);
            data.write(wire, in.position(), length - Integer.BYTES);
            in.position(in.position() + length - Integer.BYTES);
        }
        return data.toByteArray();
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return bytes;
    }
}
