package dev.txrx.sender.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameType;
import dev.txrx.sender.content.ContentItem;
import dev.txrx.sender.content.GeneratedContent;
import dev.txrx.sender.content.GeneratorSettings;
import dev.txrx.sender.content.LocalTree;
import dev.txrx.sender.content.SessionContent;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FileStreamerTest {

    @TempDir
    Path dir;

    private final Wire wire = new Wire();
    private final StopRequest stop = new StopRequest();

    private FileStreamer streamer(long bytesPerSecond) {
        return new FileStreamer(wire.writer(), bytesPerSecond, new Requester("127.0.0.1:9", System.nanoTime(), stop));
    }

    private byte[] bytes(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    private static int crc(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    /** Sends the one file of a tree holding {@code content} from {@code position}. */
    private OptionalInt sendFile(FileStreamer streamer, byte[] content, long position) throws Exception {
        Path file = Files.write(dir.resolve("f.bin"), content);
        try (LocalTree tree = new LocalTree(List.of(file), 1);
             SessionContent items = tree.open(List.of(), new ArrayList<>(), 0);
             ContentItem.AnyFile item = (ContentItem.AnyFile) items.next(0)) {
            return streamer.send(item, position);
        }
    }

    private static byte[] data(List<Frame> frames) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            if (frame instanceof Frame.FileData piece) {
                byte[] chunk = new byte[piece.data().remaining()];
                piece.data().duplicate().get(chunk);
                data.write(chunk, 0, chunk.length);
            }
        }
        return data.toByteArray();
    }

    @Test
    void aSmallFileGoesIntoTheWritersBufferWithTheCrcOfItsBytes() throws Exception {
        byte[] content = bytes(1000);
        OptionalInt crc = sendFile(streamer(0), content, 0);

        assertThat(crc).hasValue(crc(content, 0, 1000));
        assertThat(wire.writes()).as("buffered, not written").isZero();
        wire.writer().flush();
        List<Frame> frames = wire.frames();
        assertThat(frames.get(0)).isInstanceOfSatisfying(Frame.FileStart.class, start -> {
            assertThat(start.name()).isEqualTo("f.bin");
            assertThat(start.size()).isEqualTo(1000);
            assertThat(start.offset()).isZero();
        });
        assertThat(data(frames)).isEqualTo(content);
        assertThat(frames.get(frames.size() - 1)).isEqualTo(new Frame.FileEnd(1, crc.getAsInt()));
    }

    @Test
    void aLargeFileContinuedInTheMiddleSendsTheRestAndTheCrcOfTheWholeFile() throws Exception {
        byte[] content = bytes(200_000);
        OptionalInt crc = sendFile(streamer(0), content, 70_000);

        assertThat(crc).hasValue(crc(content, 0, content.length));
        List<Frame> frames = wire.frames();
        assertThat(((Frame.FileStart) frames.get(0)).offset()).isEqualTo(70_000);
        assertThat(data(frames)).isEqualTo(Arrays.copyOfRange(content, 70_000, content.length));
        assertThat(frames.get(frames.size() - 1)).isEqualTo(new Frame.FileEnd(1, crc.getAsInt()));
    }

    @Test
    void aPacedConversationSendsEvenASmallFileInSlicesOfItsPace() throws Exception {
        byte[] content = bytes(12_000);
        sendFile(streamer(100_000), content, 0);

        assertThat(wire.writes()).as("written at once, not buffered").isPositive();
        assertThat(wire.frames()).filteredOn(Frame.FileData.class::isInstance)
                .extracting(frame -> ((Frame.FileData) frame).data().remaining())
                .containsExactly(5000, 5000, 2000);
    }

    @Test
    void aStopRequestCutsAFileShortAfterItsStart() throws Exception {
        stop.stop("sender shutting down");
        OptionalInt crc = sendFile(streamer(0), bytes(100_000), 0);

        assertThat(crc).isEmpty();
        assertThat(wire.frames()).singleElement().isInstanceOf(Frame.FileStart.class);
    }

    /** Generates one file of {@code size} bytes in memory and sends it from its start. */
    private OptionalInt sendGenerated(long size) throws Exception {
        GeneratorSettings one = new GeneratorSettings(1, size, size, Duration.ZERO, Duration.ZERO);
        try (SessionContent items = GeneratedContent.inMemory(one).open(List.of(), new ArrayList<>(), 7);
             ContentItem.AnyFile file = (ContentItem.AnyFile) items.next(10_000)) {
            return streamer(0).send(file, 0);
        }
    }

    @Test
    void aSmallGeneratedFileGoesIntoTheWritersBufferWithTheCrcOfWhatWasGenerated() throws Exception {
        OptionalInt crc = sendGenerated(10);

        assertThat(wire.writes()).as("buffered, not written").isZero();
        wire.writer().flush();
        List<Frame> frames = wire.frames();
        assertThat(frames).extracting(Frame::type)
                .containsExactly(FrameType.FILE_START, FrameType.FILE_DATA, FrameType.FILE_END);
        byte[] data = data(frames);
        assertThat(data).hasSize(10);
        assertThat(crc).hasValue(crc(data, 0, 10));
        assertThat(frames.get(2)).isEqualTo(new Frame.FileEnd(1, crc.getAsInt()));
    }

    @Test
    void anEmptyFileOnDiskHasNoDataFrameAsTheSpecificationSays() throws Exception {
        OptionalInt crc = sendFile(streamer(0), new byte[0], 0);
        wire.writer().flush();

        assertThat(crc).hasValue(0);
        assertThat(wire.frames()).extracting(Frame::type).containsExactly(FrameType.FILE_START, FrameType.FILE_END);
    }

    @Test
    void anEmptyFileHasNoDataFrameInAPacedConversationEither() throws Exception {
        sendFile(streamer(100_000), new byte[0], 0);

        assertThat(wire.frames()).extracting(Frame::type).containsExactly(FrameType.FILE_START, FrameType.FILE_END);
    }

    @Test
    void anEmptyGeneratedFileHasNoDataFrame() throws Exception {
        OptionalInt crc = sendGenerated(0);

        assertThat(crc).hasValue(0);
        assertThat(wire.frames()).extracting(Frame::type).containsExactly(FrameType.FILE_START, FrameType.FILE_END);
    }

    @Test
    void aLargeGeneratedFileGoesOutAsItsBuffersFillWithTheCrcOfWhatWasSent() throws Exception {
        OptionalInt crc = sendGenerated(3_000_000);

        List<Frame> frames = wire.frames();
        byte[] data = data(frames);
        assertThat(data).hasSize(3_000_000);
        assertThat(crc).hasValue(crc(data, 0, data.length));
        assertThat(frames.get(frames.size() - 1)).isEqualTo(new Frame.FileEnd(1, crc.getAsInt()));
    }

    /** As the specification says: every frame but a file's last holds 1,048,572 bytes, 1 MiB less the id. */
    @Test
    void generatedAndOnDiskFilesGoOutInFullFileDataFrames() throws Exception {
        int size = 2 * FrameFormat.MAX_DATA_PER_FRAME + 1000;
        sendGenerated(size);
        assertThat(wire.dataFrameLengths()).containsExactly(1_048_572, 1_048_572, 1000);

        Wire onDisk = new Wire();
        sendFile(new FileStreamer(onDisk.writer(), 0, new Requester("127.0.0.1:9", System.nanoTime(), stop)),
                bytes(size), 0);
        assertThat(onDisk.dataFrameLengths()).containsExactly(1_048_572, 1_048_572, 1000);
    }

    @Test
    void theDataOfAFrameIsAsMuchAsOneFrameHoldsOrATwentiethOfTheRate() {
        assertThat(FileStreamer.chunkFor(0)).isEqualTo(FrameFormat.MAX_DATA_PER_FRAME);
        assertThat(FileStreamer.chunkFor(1000)).isEqualTo(4096);
        assertThat(FileStreamer.chunkFor(2_000_000)).isEqualTo(100_000);
        assertThat(FileStreamer.chunkFor(10L << 30)).isEqualTo(FrameFormat.MAX_DATA_PER_FRAME);
    }
}
