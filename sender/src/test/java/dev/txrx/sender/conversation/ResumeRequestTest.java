package dev.txrx.sender.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameCodec;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.text.ByteSizes;
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
                .isInstanceOf(EOFException.class)
                .hasMessage("connection closed while waiting for HAVE 2 of the 2 that RESUME announced");
        assertThatThrownBy(() -> ResumeRequest.read(stream(new Frame.Leave())))
                .isInstanceOf(ProtocolException.class).hasMessage("expected RESUME after REQUEST FILES, got LEAVE");
    }

    @Test
    void haveFramesBeyondTheConnectionsBudgetAreAProtocolErrorNamingTheLimit() {
        long cost = HaveBudget.costOf(have("a"));
        HaveBudget budget = new HaveBudget(2 * cost, 100 * cost);

        try (HaveBudget.Account account = budget.open()) {
            assertThatThrownBy(() -> ResumeRequest.read(stream(new Frame.Resume(ResumeRequest.NEW_SESSION, 3),
                    have("a"), have("b"), have("c")), RequestKind.FILES, account)).isInstanceOf(ProtocolException.class)
                    .hasMessage("HAVE frames take more memory than the " + ByteSizes.format(2 * cost)
                            + " that one connection may hold (refused at HAVE 3)");
        }
        assertThat(budget.held()).as("given back when the connection ends").isZero();
    }

    @Test
    void haveFramesBeyondWhatAllConnectionsMayHoldAreRefusedWhileTheOthersKeepTheirs() throws Exception {
        long cost = HaveBudget.costOf(have("a"));
        HaveBudget budget = new HaveBudget(2 * cost, 3 * cost);

        try (HaveBudget.Account first = budget.open(); HaveBudget.Account second = budget.open()) {
            assertThat(ResumeRequest.read(stream(new Frame.Resume(ResumeRequest.NEW_SESSION, 2), have("a"), have("b")),
                    RequestKind.GET, first).haves()).hasSize(2);
            assertThatThrownBy(() -> ResumeRequest.read(stream(new Frame.Resume(ResumeRequest.NEW_SESSION, 2),
                    have("a"), have("b")), RequestKind.GET, second)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("the " + ByteSizes.format(3 * cost) + " that all connections together may hold");
            assertThat(budget.held()).isEqualTo(3 * cost);
        }
        assertThat(budget.held()).isZero();
    }
}
