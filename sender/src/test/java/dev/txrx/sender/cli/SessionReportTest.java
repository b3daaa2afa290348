package dev.txrx.sender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.report.JsonDocument;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.sender.conversation.SessionOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sender's summary, what {@code --json} prints and the stream's {@code end} carries, against {@code docs/JSON.md}. */
class SessionReportTest {

    @Test
    void aSessionsSummaryHasTheDocumentedFields() {
        // every optional field: resumed (connectionBytes), an activity, a problem
        SessionOutcome outcome = new SessionOutcome("10.0.0.2:5123",
                new TransferSummary("sent", 3, 300, Duration.ofSeconds(1), new byte[32], 100), false, "lost",
                false, "answered 10 pings", null, false);

        assertThat(JsonDocument.namesOf(SessionReport.json(outcome)))
                .containsExactlyInAnyOrderElementsOf(JsonDocument.read().fields("sender"));
    }
}
