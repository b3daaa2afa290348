package dev.txrx.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.txrx.common.report.FileDone;
import dev.txrx.common.report.Interval;
import dev.txrx.common.report.Totals;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON stream's events, each held to its table in {@code docs/JSON.md}. */
class JsonStreamTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StringWriter written = new StringWriter();
    private final JsonStream stream = new JsonStream(new PrintWriter(written), "receiver", "127.0.0.1:47474");

    /** Every event the stream can emit, once. */
    private List<JsonNode> everyEvent() throws Exception {
        stream.started(new Totals(3, Totals.UNKNOWN));
        stream.resumed("00112233-4455-6677-8899-aabbccddeeff", 2, 2048);
        stream.fileDone(new FileDone("dir/a.txt", 1024, 512, Duration.ofMillis(250)));
        stream.interval(new Interval(Duration.ZERO, Duration.ofSeconds(1), 4096, 1));
        stream.failed("connection lost");
        stream.ended(JsonOutput.object().put("files", 3).put("role", "receiver"));
        List<JsonNode> events = new ArrayList<>();
        for (String line : written.toString().split("\n")) {
            events.add(MAPPER.readTree(line));
        }
        return events;
    }

    @Test
    void everyEventHasExactlyTheFieldsTheDocumentGivesIt() throws Exception {
        JsonDocument document = JsonDocument.read();
        List<JsonNode> events = everyEvent();

        assertThat(events).extracting(e -> e.get("event").asText()).containsExactly(JsonStream.START,
                JsonStream.RESUMED, JsonStream.FILE, JsonStream.INTERVAL, JsonStream.ERROR, JsonStream.END);
        for (JsonNode event : events.subList(0, events.size() - 1)) {
            assertThat(JsonDocument.namesOf(event)).as(event.toString())
                    .containsExactlyElementsOf(document.fields(event.get("event").asText()));
        }
        assertThat(document.fields(JsonStream.END)).containsExactly("event");
    }

    @Test
    void endIsTheSummaryWithItsNameAndAnUnknownTotalIsNull() throws Exception {
        List<JsonNode> events = everyEvent();

        assertThat(events.get(0).get("files").asLong()).isEqualTo(3);
        assertThat(events.get(0).get("bytes").isNull()).isTrue();
        assertThat(JsonDocument.namesOf(events.get(5))).isEqualTo(Set.of("event", "files", "role"));
        assertThat(events.get(2).get("bytesPerSecond").asLong()).isEqualTo(2048);
        assertThat(events.get(3).get("bitsPerSecond").asLong()).isEqualTo(4096 * 8);
    }

    @Test
    void eachEventIsOneLine() throws Exception {
        everyEvent();

        assertThat(written.toString().lines()).hasSize(6).allSatisfy(line -> assertThat(line).startsWith("{\"event\":"));
    }
}
