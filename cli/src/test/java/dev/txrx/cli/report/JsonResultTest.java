package dev.txrx.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The one object a --json run ends with says what the exit code says. */
class JsonResultTest {

    private final JsonResult result = new JsonResult();

    @Test
    void aSuccessfulSummaryGainsTheExitCodeAndNoError() {
        result.summary(summary(), null);
        assertThat(result.finish(0).toString()).isEqualTo("{\"files\":3,\"exitCode\":0}");
    }

    @Test
    void aFailingSummaryGainsTheExitCodeAndItsError() {
        result.summary(summary(), "not found on the sender: nope");
        assertThat(result.finish(1).toString())
                .isEqualTo("{\"files\":3,\"error\":\"not found on the sender: nope\",\"exitCode\":1}");
    }

    @Test
    void aFailureWithoutSummaryIsAnObjectOfItsOwnWithTheFirstMessage() {
        result.failed("could not connect to h:1 after 1 attempt (last error: Connection refused)");
        result.failed("a later, consequent line");
        assertThat(result.finish(3).toString()).isEqualTo(
                "{\"error\":\"could not connect to h:1 after 1 attempt (last error: Connection refused)\",\"exitCode\":3}");
    }

    @Test
    void theResultsFieldsAreTheDocumentedOnes() {
        assertThat(JsonDocument.namesOf(JsonResult.failure("could not connect", 3)))
                .containsExactlyInAnyOrderElementsOf(JsonDocument.read().fields("result"));
    }

    @Test
    void aFailureNobodyExplainedStillHasAnError() {
        assertThat(result.finish(130).toString()).isEqualTo("{\"error\":\"failed with exit code 130\",\"exitCode\":130}");
    }

    @Test
    void aSuccessWithNothingToSayPrintsNothing() {
        assertThat(result.finish(0)).isNull();
    }

    @Test
    void theSummaryHandedOverIsNotChanged() {
        ObjectNode summary = summary();
        result.summary(summary, "x");
        result.finish(1);
        assertThat(summary.has("exitCode")).isFalse();
    }

    private static ObjectNode summary() {
        ObjectNode node = JsonOutput.object();
        node.put("files", 3);
        return node;
    }
}
