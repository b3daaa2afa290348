package dev.txrx.receiver.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.receiver.store.FileChecksum;
import dev.txrx.receiver.store.Held;
import dev.txrx.receiver.store.ResumeState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the receiver tells the sender it holds, and how a FILE_START may go on from it. */
class ResumeRequestTest {

    private static final UUID SESSION = UUID.fromString("7f2c0000-0000-4000-8000-000000000003");
    private static final ResumeState.Verified DONE = new ResumeState.Verified(1, "a.txt", 3, 0x1234, 1_700_000_000_000L);
    private static final ResumeState.Partial PART = new ResumeState.Partial(2, "big.bin", 5000, 1_700_000_000_000L,
            ".big.bin.0123456789abcdef.part");

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final FrameWriter writer = new FrameWriter(Channels.newChannel(wire));

    @Test
    void aNewSessionNamesTheNilIdAndHoldsNothing() throws IOException {
        ResumeRequest.send(writer, new Held(null, List.of(), null));

        assertThat(sent()).containsExactly(new Frame.Resume(ResumeRequest.NEW_SESSION, 0));
    }

    @Test
    void aSessionToResumeOffersEachVerifiedFileThenThePartialOneWithTheChecksumOfItsHeldBytes() throws IOException {
        FileChecksum held = held(1000);

        ResumeRequest.send(writer, new Held(SESSION, List.of(DONE), new Held.Part(PART, held)));

        assertThat(sent()).containsExactly(new Frame.Resume(SESSION, 2),
                new Frame.Have(1, 3, DONE.mtimeMillis(), 3, 0x1234, "a.txt"),
                new Frame.Have(2, 5000, PART.mtimeMillis(), 1000, held.value(), "big.bin"));
    }

    /** The sender takes a HAVE of the whole size as a file verified, and skips it. */
    @Test
    void aHeldPartIsNeverTheWholeFileNorEmpty() {
        assertThat(Held.offerable(5000, 5000)).isEqualTo(4999);
        assertThat(Held.offerable(5000, 7000)).isEqualTo(4999);
        assertThat(Held.offerable(5000, 1000)).isEqualTo(1000);
        assertThat(Held.offerable(5000, 0)).isZero();
        assertThat(Held.offerable(1, 1)).isZero();
        assertThatThrownBy(() -> new Held.Part(PART, held(5000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("big.bin");
        assertThatThrownBy(() -> new Held.Part(PART, held(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileThatGoesOnFromTheHeldBytesGoesOnFromTheirChecksumSoTheyAreNotReadAgain() throws IOException {
        FileChecksum held = held(1000);
        ResumeRequest request = ResumeRequest.send(writer, new Held(SESSION, List.of(), new Held.Part(PART, held)));

        assertThat(request.checksumFor(start(2, "big.bin", 5000, 1000))).isSameAs(held);
    }

    @Test
    void aFileFromItsFirstByteStartsAFreshChecksumAndTheHeldOneIsGone() throws IOException {
        FileChecksum held = held(1000);
        ResumeRequest request = ResumeRequest.send(writer, new Held(SESSION, List.of(), new Held.Part(PART, held)));

        FileChecksum fresh = request.checksumFor(start(2, "big.bin", 5000, 0));
        assertThat(fresh).isNotSameAs(held);
        assertThat(fresh.length()).isZero();
        assertThatThrownBy(() -> request.checksumFor(start(2, "big.bin", 5000, 1000)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void aFileThatDoesNotContinueTheHeldBytesBreaksTheProtocol() throws IOException {
        ResumeRequest request = ResumeRequest.send(writer, new Held(SESSION, List.of(),
                new Held.Part(PART, held(1000))));

        assertThatThrownBy(() -> request.checksumFor(start(2, "big.bin", 5000, 999)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("FILE_START of big.bin at offset 999 does not continue the file this receiver holds");
    }

    @Test
    void nothingIsHeldOnceTheSenderStartsTheSessionAfresh() throws IOException {
        ResumeRequest request = ResumeRequest.send(writer, new Held(SESSION, List.of(),
                new Held.Part(PART, held(1000))));

        request.forget();

        assertThatThrownBy(() -> request.checksumFor(start(2, "big.bin", 5000, 1000)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("does not continue");
    }

    private static FileChecksum held(int length) {
        FileChecksum checksum = new FileChecksum();
        checksum.update(ByteBuffer.wrap(new byte[length]));
        return checksum;
    }

    private static Frame.FileStart start(long id, String name, long size, long offset) {
        return new Frame.FileStart(id, size, offset, 1_700_000_000_000L, 0644, name);
    }

    private List<Frame> sent() throws IOException {
        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(wire.toByteArray())));
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
            frames.add(frame);
        }
        return frames;
    }
}
