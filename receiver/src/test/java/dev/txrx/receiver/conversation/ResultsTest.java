package dev.txrx.receiver.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.common.transport.Failure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mode's result, and the receiver's words for the failures that end a connection early. */
class ResultsTest {

    private static final TransferSummary NOTHING = new TransferSummary("received", 0, 0, Duration.ofSeconds(1),
            new SessionDigest().digest());
    private static final String PEER = "127.0.0.1:47474";

    @Test
    void aFilesResultIsCompleteOnlyWhenItVerifiedAndNoNameWasMissing() {
        FilesResult verified = files(null, List.of(), false);
        FilesResult missing = files(null, List.of("nope"), false);
        FilesResult failed = files("session digests differ", List.of(), false);

        assertThat(verified.verified()).isTrue();
        assertThat(verified.complete()).isTrue();
        assertThat(missing.verified()).isTrue();
        assertThat(missing.complete()).isFalse();
        assertThat(failed.verified()).isFalse();
        assertThat(failed.complete()).isFalse();
    }

    @Test
    void aSessionThatGaveUpConnectingAgainSaysSoAndHowToResume() {
        FilesResult cut = files("incomplete session: timed out", List.of(), true);

        FilesResult gaveUp = cut.gaveUp("could not connect to " + PEER + " after 3 attempts", 2);

        assertThat(gaveUp.problem()).isEqualTo("incomplete session: timed out; could not connect to " + PEER
                + " after 3 attempts; run the same command again to resume");
        assertThat(gaveUp.reconnections()).isEqualTo(2);
        assertThat(gaveUp.resumable()).isTrue();
    }

    @Test
    void aStreamIsVerifiedWhenLeftAndNeverResumable() {
        FilesAnswer left = new TrickleResult(5, 1, true, null);
        FilesAnswer ended = new TrickleResult(5, 1, false, "the sender ended the stream");

        assertThat(left.complete()).isTrue();
        assertThat(left.resumable()).isFalse();
        assertThat(ended.verified()).isFalse();
        assertThat(ended.resumable()).isFalse();
    }

    @Test
    void aBrokenConnectionLeavesASessionIncompleteAndNamesThePeer() {
        assertThat(Problems.ofSession(new Failure.ConnectionLost(Failure.ConnectionLost.How.BROKEN, "Connection reset"),
                PEER)).isEqualTo("incomplete session: connection to " + PEER + " failed: Connection reset");
        assertThat(Problems.ofSession(new Failure.ConnectionLost(Failure.ConnectionLost.How.TIMED_OUT,
                "timed out after 1s waiting for data from " + PEER), PEER))
                .isEqualTo("incomplete session: timed out after 1s waiting for data from " + PEER);
        assertThat(Problems.ofSession(new Failure.Cancelled(), PEER)).isEqualTo("incomplete session: interrupted");
        assertThat(Problems.lost(new Failure.Cancelled())).isTrue();
        assertThat(Problems.lost(new Failure.LocalFailure("cannot store a: disk full"))).isFalse();
    }

    @Test
    void theSendersErrorIsTheSendersAndABusySenderSpeaksForItself() {
        Failure error = new Failure.PeerError(new Frame.Error(ErrorCode.UNSUPPORTED_REQUEST, "no catalogue"));
        Failure busy = new Failure.PeerError(new Frame.Error(ErrorCode.BUSY, "sender is busy"));

        assertThat(Problems.ofSession(error, PEER)).isEqualTo("sender reported UNSUPPORTED_REQUEST: no catalogue");
        assertThat(Problems.of(error)).isEqualTo("sender reported UNSUPPORTED_REQUEST: no catalogue");
        assertThat(Problems.ofSession(busy, PEER)).isEqualTo("sender is busy");
    }

    @Test
    void aPingRunTellsABrokenConnectionAsItIs() {
        assertThat(Problems.of(new Failure.ConnectionLost(Failure.ConnectionLost.How.BROKEN, "Connection reset")))
                .isEqualTo("Connection reset");
        assertThat(Problems.of(new Failure.ProtocolViolation("expected PONG, got TEXT")))
                .isEqualTo("protocol error: expected PONG, got TEXT");
        assertThat(Problems.of(new Failure.InternalError(new IOException("boom")))).isEqualTo("internal error: boom");
    }

    private static FilesResult files(String problem, List<String> missing, boolean resumable) {
        return new FilesResult(NOTHING, null, 0, missing, problem, resumable, 0, 0);
    }
}
