package dev.txrx.receiver.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.receiver.store.ResumeState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiver's side of SESSION_END: what it compares, in which order, and what it answers. */
class VerdictTest {

    private static final ResumeState.Verified FIRST = new ResumeState.Verified(1, "a", 3, 0x11, 0);
    private static final ResumeState.Verified SECOND = new ResumeState.Verified(2, "b", 4, 0x22, 0);

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final FrameWriter writer = new FrameWriter(Channels.newChannel(wire));

    @Test
    void theDigestCountsFilesInTheSendersOrderWhateverTheOrderTheyVerifiedIn() {
        SessionDigest inOrder = new SessionDigest();
        inOrder.add(1, 3, 0x11, "a");
        inOrder.add(2, 4, 0x22, "b");

        assertThat(Verdict.digest(List.of(SECOND, FIRST)).digest()).isEqualTo(inOrder.digest());
    }

    /** After a resume the totals are the session's; the speed only counts what this connection carried. */
    @Test
    void theSummaryAfterAResumeCountsTheSessionsFilesAndThisConnectionsBytes() {
        SessionDigest session = Verdict.digest(List.of(FIRST, SECOND));

        var summary = Verdict.summary(session, System.nanoTime(), 4);

        assertThat(summary.files()).isEqualTo(2);
        assertThat(summary.bytes()).isEqualTo(7);
        assertThat(summary.moved()).isEqualTo(4);
        assertThat(summary.line()).contains(" over the 4 B of this connection)");
    }

    @Test
    void matchingTotalsAndDigestVerifyAndAreConfirmed() throws IOException {
        SessionDigest received = Verdict.digest(List.of(FIRST, SECOND));

        String problem = Verdict.answer(writer, end(SessionStatus.COMPLETE, 2, 7, received.digest(), ""), received, 0);

        assertThat(problem).isNull();
        assertThat(confirm()).isEqualTo(new Frame.SessionConfirm(true, 2, 7, received.digest()));
    }

    @Test
    void aFailedFileComesFirstThenAnEarlyEndThenTotalsThenTheDigest() throws IOException {
        SessionDigest received = Verdict.digest(List.of(FIRST));
        byte[] other = Verdict.digest(List.of(SECOND)).digest();

        assertThat(Verdict.answer(writer, end(SessionStatus.ABORTED, 9, 9, other, "bye"), received, 2))
                .isEqualTo("2 files failed verification");
        assertThat(Verdict.answer(writer, end(SessionStatus.ABORTED, 9, 9, other, "bye\u001b"), received, 0))
                .isEqualTo("sender ended the session early: bye\\x1b");
        assertThat(Verdict.answer(writer, end(SessionStatus.COMPLETE, 9, 9, other, ""), received, 0))
                .isEqualTo("totals differ: sender sent 9 files, 9 bytes; received 1 file, 3 bytes");
        assertThat(Verdict.answer(writer, end(SessionStatus.COMPLETE, 1, 3, other, ""), received, 0))
                .isEqualTo("session digests differ");
        assertThat(confirm()).as("the first answer").isEqualTo(new Frame.SessionConfirm(false, 1, 3, received.digest()));
    }

    private static Frame.SessionEnd end(SessionStatus status, long files, long bytes, byte[] digest, String reason) {
        return new Frame.SessionEnd(status, files, bytes, digest, reason);
    }

    private Frame confirm() throws IOException {
        return new FrameReader(Channels.newChannel(new ByteArrayInputStream(wire.toByteArray()))).next();
    }
}
