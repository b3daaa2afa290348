package dev.txrx.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.report.JsonDocument;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.receiver.conversation.FilesResult;
import dev.txrx.receiver.conversation.TrickleResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiver's summaries, what {@code --json} prints and the stream's {@code end} carries, against {@code docs/JSON.md}. */
class ReceiveReportTest {

    private static final byte[] DIGEST = new byte[32];

    /** A session with every optional field: resumed (connectionBytes), the sender's end, a problem, a missing name. */
    private static FilesResult everything() {
        return new FilesResult(new TransferSummary("received", 3, 300, Duration.ofSeconds(1), DIGEST, 100),
                new Frame.SessionEnd(SessionStatus.COMPLETE, 3, 300, DIGEST, ""), 1, List.of("nope"),
                "1 file failed verification", true, 2, 50);
    }

    @Test
    void aSessionsSummaryHasTheDocumentedFields() {
        assertThat(JsonDocument.namesOf(ReceiveReport.json(everything())))
                .containsExactlyInAnyOrderElementsOf(JsonDocument.read().fields("receiver"));
    }

    @Test
    void aTrickleSummaryHasTheDocumentedFields() {
        assertThat(JsonDocument.namesOf(ReceiveReport.json(new TrickleResult(27, 2, false, "sender stopped"))))
                .containsExactlyInAnyOrderElementsOf(JsonDocument.read().fields("receiver, trickle stream"));
    }

    @Test
    void anUploadIsOneLineWithWhoFilesBytesAndTheVerdict() {
        FilesResult upload = new FilesResult(new TransferSummary("received", 3, 300, Duration.ofSeconds(1), DIGEST),
                new Frame.SessionEnd(SessionStatus.COMPLETE, 3, 300, DIGEST, ""), 0, List.of(), null, false, 0, 0);

        assertThat(ReceiveReport.uploadLine("10.0.0.2:5123", upload, false))
                .startsWith("upload from 10.0.0.2:5123: received 3 files, 300 bytes")
                .endsWith("; verified: every file passed CRC32C, totals and digest match the sender")
                .doesNotContain("\n");
        assertThat(ReceiveReport.uploadLine("10.0.0.2:5123", everything(), false))
                .endsWith("; NOT verified: 1 file failed verification");
    }
}
