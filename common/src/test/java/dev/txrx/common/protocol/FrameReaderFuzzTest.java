package dev.txrx.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;

/**
 * Coverage-guided fuzzing of the frame reader (Jazzer). Whatever bytes a peer sends, the reader
 * either hands out frames or fails with the protocol's own exceptions: never another exception,
 * never a hang, never an allocation that depends on a declared length. Every control frame it
 * decodes encodes back to a frame that decodes the same.
 *
 * <p>In the normal build this runs as a regression test over the committed seed corpus in
 * {@code src/test/resources/dev/txrx/common/protocol/FrameReaderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see {@code bench/README.md}).
 */
class FrameReaderFuzzTest {

    /** Enough to reach past the largest frame and its header, and short enough to stay fast. */
    private static final int MAX_INPUT = 2 * FrameFormat.MAX_PAYLOAD_LENGTH;

    @FuzzTest(maxDuration = "30s")
    void readsAnyBytesSafely(byte[] input) throws IOException {
        if (input.length > MAX_INPUT) {
            return;
        }
        FrameReader reader = new FrameReader(Channels.newChannel(new java.io.ByteArrayInputStream(input)),
                FrameReader.MIN_BUFFER_SIZE);
        try {
            reader.readHello();
            for (int frames = 0; frames <= input.length; frames++) {
                Frame frame = reader.next();
                if (frame == null) {
                    return;
                }
                if (frame.type().isControl()) {
                    assertRoundTrip(frame);
                }
            }
            throw new AssertionError("more frames than input bytes");
        } catch (ProtocolException | EOFException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void assertRoundTrip(Frame frame) throws IOException {
        ByteBuffer encoded = FrameCodec.encode(frame);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
        Frame again = new FrameReader(Channels.newChannel(new java.io.ByteArrayInputStream(bytes.toByteArray())),
                FrameReader.MIN_BUFFER_SIZE).next();
        assertThat(again).isEqualTo(frame);
    }
}
