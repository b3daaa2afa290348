package dev.txrx.sender.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameCodec;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResumeRequestTest {

    private static FrameReader stream(Frame... frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            ByteBuffer encoded = FrameCodec.encode(frame);
            bytes.write(encoded.array(), encoded.arrayOffset(), encoded.remaining());
        }
        return new FrameReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())));
    }

    private static Frame.Have have(String name) {
        return new Frame.Have(1, 10, 0, 5, 42, name);
    }

    @Test
    void anAllZeroSessionAsksForANewSessionAndTheHavesAreKeptByName() throws Exception {
        ResumeRequest request = ResumeRequest.read(stream(new Frame.Resume(ResumeRequest.NEW_SESSION, 2),
                have("a"), have("b/c")));

        assertThat(request.session()).isNull();
        assertThat(request.haves()).containsOnlyKeys("a", "b/c").containsEntry("b/c", have("b/c"));
    }

    @Test
    void aSessionIdAsksToContinueThatSession() throws Exception {
        UUID session = UUID.randomUUID();

        assertThat(ResumeRequest.read(stream(new Frame.Resume(session, 0))).session()).isEqualTo(session);
    }

    @Test
    void tooManyHavesAreRefusedBeforeAnyIsRead() {
        assertThatThrownBy(() -> ResumeRequest.read(stream(new Frame.Resume(ResumeRequest.NEW_SESSION,
                ResumeRequest.MAX_HAVES + 1)))).isInstanceOf(ProtocolException.class)
                .hasMessage("RESUME announces 1000001 HAVE frames, more than 1000000");
    }

    @Test
    void fewerHavesThanAnnouncedOrAnotherFrameIsAnError() {
        assertThatThrownBy(() -> ResumeRequest.read(stream(new Frame.Resume(ResumeRequest.NEW_SESSION, 2), have("a"))))
                .isInstanceOf(EOFException.class).hasMessage("connection closed while waiting for HAVE");
        assertThatThrownBy(() -> ResumeRequest.read(stream(new Frame.Leave())))
                .isInstanceOf(ProtocolException.class).hasMessage("expected RESUME, got LEAVE");
    }
}
