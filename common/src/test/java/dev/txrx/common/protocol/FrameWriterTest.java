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
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
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

    // --- buffer

    @Test
    void bufferedFramesComeOutAsTheBytesOfWritingThemOneByOne() throws IOException {
        List<Frame> frames = List.of(
                new Frame.SessionStart(new UUID(1, 2), false, ""),
                new Frame.Directory(1_700_000_000_000L, 0755, "dir"),
                new Frame.FileStart(1, 5, 0, 0, 0644, "dir/a"),
                new Frame.FileData(1, ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII))),
                new Frame.FileEnd(1, 0x9a71bb4c),
                new Frame.FileStart(2, 0, 0, 0, 0644, "dir/empty"),
                new Frame.FileData(2, ByteBuffer.allocate(0)),
                new Frame.FileEnd(2, 0));
        RecordingChannel out = new RecordingChannel();
        FrameWriter writer = new FrameWriter(out);

        for (Frame frame : frames) {
            writer.buffer(frame);
        }
        assertThat(out.writes()).isEmpty();
        assertThat(writer.bytesWritten()).isZero();
        writer.flush();

        assertThat(out.bytes()).isEqualTo(WireBytes.written(frames));
        assertThat(out.writes()).hasSize(1);
        assertThat(writer.bytesWritten()).isEqualTo(out.bytes().length);
    }

    @Test
    void bufferWritesWhatItHoldsFirstWhenTheNextFrameLacksRoom() throws IOException {
        // three files of 100 KiB: the third one's data does not fit behind the first two files
        List<Frame> frames = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            byte[] data = randomBytes(100 * 1024, id);
            frames.add(new Frame.FileStart(id, data.length, 0, 0, 0644, "file" + id));
            frames.add(new Frame.FileData(id, ByteBuffer.wrap(data)));
            frames.add(new Frame.FileEnd(id, id));
        }
        RecordingChannel out = new RecordingChannel();
        FrameWriter writer = new FrameWriter(out);

        for (Frame frame : frames) {
            writer.buffer(frame);
        }
        writer.flush();

        assertThat(out.bytes()).isEqualTo(WireBytes.written(frames));
        assertThat(out.writes()).hasSize(2).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(FrameWriter.BUFFER_CAPACITY));
    }

    @Test
    void frameThatCanNeverFitInTheBufferIsWrittenDirectlyAfterWhatItHolds() throws IOException {
        byte[] data = randomBytes(FrameWriter.BUFFER_CAPACITY, 5);
        Frame start = new Frame.FileStart(1, data.length, 0, 0, 0644, "big");
        Frame.FileData content = new Frame.FileData(1, ByteBuffer.wrap(data));
        Frame end = new Frame.FileEnd(1, 0);
        RecordingChannel out = new RecordingChannel();
        FrameWriter writer = new FrameWriter(out);

        writer.buffer(start);
        writer.buffer(content);

        // out at once, without a flush, and the data in one write of the caller's own buffer
        assertThat(out.bytes()).isEqualTo(WireBytes.written(start, content));
        assertThat(out.writes()).contains(data.length);
        assertThat(content.data().remaining()).isEqualTo(data.length);
        writer.buffer(end);
        writer.flush();
        assertThat(out.bytes()).isEqualTo(WireBytes.written(start, content, end));
    }

    @Test
    void writeSendsWhatIsBufferedAndItsFrameInOneWrite() throws IOException {
        Frame directory = new Frame.Directory(0, 0755, "dir");
        Frame start = new Frame.FileStart(1, 10, 0, 0, 0644, "dir/a");
        RecordingChannel out = new RecordingChannel();
        FrameWriter writer = new FrameWriter(out);

        writer.buffer(directory);
        writer.write(start);

        assertThat(out.bytes()).isEqualTo(WireBytes.written(directory, start));
        assertThat(out.writes()).hasSize(1);
    }

    @Test
    void writeDataThroughGatheringChannelSendsWhatIsBufferedFirst() throws IOException {
        byte[] data = randomBytes(MAX_DATA + 10, 6);
        Frame start = new Frame.FileStart(3, data.length, 0, 0, 0644, "a");
        Frame end = new Frame.FileEnd(3, 7);
        Path target = dir.resolve("gathered");

        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            FrameWriter writer = new FrameWriter(channel);
            writer.buffer(start);
            writer.writeData(3, ByteBuffer.wrap(data));
            writer.buffer(end);
            writer.flush();
            assertThat(writer.bytesWritten()).isEqualTo(Files.size(target));
        }

        assertThat(Files.readAllBytes(target))
                .isEqualTo(WireBytes.written(start, new Frame.FileData(3, ByteBuffer.wrap(data)), end));
    }

    @Test
    void transferDataSendsWhatIsBufferedFirst() throws IOException {
        byte[] data = randomBytes(5000, 7);
        Path file = Files.write(dir.resolve("content"), data);
        Frame start = new Frame.FileStart(4, data.length, 0, 0, 0644, "a");
        RecordingChannel out = new RecordingChannel();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FrameWriter writer = new FrameWriter(out);
            writer.buffer(start);
            writer.transferData(4, channel, 0, data.length, MAX_DATA);
            assertThat(writer.bytesWritten()).isEqualTo(out.bytes().length);
        }

        assertThat(out.bytes()).isEqualTo(WireBytes.written(start, new Frame.FileData(4, ByteBuffer.wrap(data))));
    }

    @Test
    void bufferHoldsTheLargestControlFrame() throws IOException {
        assertThat(FrameWriter.BUFFER_CAPACITY)
                .isGreaterThanOrEqualTo(FrameFormat.HEADER_LENGTH + FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
        Frame ping = new Frame.Ping(new UUID(3, 4), 1, 2, Frame.Ping.MAX_PADDING);
        RecordingChannel out = new RecordingChannel();
        FrameWriter writer = new FrameWriter(out);

        writer.buffer(ping);
        writer.buffer(ping);
        writer.flush();

        assertThat(out.bytes()).isEqualTo(WireBytes.written(ping, ping));
    }

    @Test
    void headerCountsTheBytesWrittenWhenTextHoldsAnUnpairedSurrogate() throws IOException {
        // UTF-8 writes an unpaired surrogate as '?', one byte where payloadLength() counts three
        Frame start = new Frame.FileStart(1, 0, 0, 0, 0, "a\ud800b");
        RecordingChannel out = new RecordingChannel();
        FrameWriter writer = new FrameWriter(out);

        writer.buffer(start);
        writer.write(new Frame.FileEnd(1, 0));

        assertThat(start.payloadLength()).isEqualTo(Frame.FileStart.NAME_OFFSET + 2 + 5);
        assertThat(WireBytes.readToEnd(WireBytes.reader(out.bytes())))
                .containsExactly(new Frame.FileStart(1, 0, 0, 0, 0, "a?b"), new Frame.FileEnd(1, 0));
    }

    /** A channel that takes every byte it is offered at once and remembers how many each write took. */
    static final class RecordingChannel implements WritableByteChannel {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<Integer> writes = new ArrayList<>();

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] copy = new byte[n];
            src.get(copy);
            bytes.writeBytes(copy);
            writes.add(n);
            return n;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        List<Integer> writes() {
            return writes;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
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
