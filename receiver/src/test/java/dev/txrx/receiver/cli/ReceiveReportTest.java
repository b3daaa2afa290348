package dev.txrx.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.report.JsonDocument;
import dev.txrx.cli.report.TransferView;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.receiver.conversation.TrickleResult;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.receiver.conversation.FilesResult;
import dev.txrx.receiver.conversation.DryRunResult;
import dev.txrx.common.report.Compared;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary of a FILES or GET session, for a person and as the JSON object the run ends with
 * (what {@code --json} prints and the stream's {@code end} carries), against {@code docs/JSON.md}.
 */
class ReceiveReportTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandOutput output = new CommandOutput(new PrintWriter(out), new PrintWriter(err), true);

    /** {@code --get nope}: what arrived verified, and the object says why the run still exits 1. */
    @Test
    void aMissingNameIsTheErrorOfTheRunBesideAVerifiedSummary() throws Exception {
        FilesResult result = new FilesResult(summary(1_000_000, Duration.ofSeconds(1)), null, 0, List.of("nope"),
                null, false, 0, 0);

        ReceiveReport.reportLast(result, false, output, false, TransferView.NONE);
        JsonNode json = new ObjectMapper().readTree(output.result().finish(ExitCode.FAILED).toString());

        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("missing").get(0).asText()).isEqualTo("nope");
        assertThat(json.get("error").asText()).isEqualTo("not found on the sender: nope");
        assertThat(json.get("exitCode").asInt()).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString()).as("the edge prints it, once the exit code is known").isEmpty();
        assertThat(err.toString()).contains("not found on the sender: nope", "NOT complete: 1 name not found on the sender")
                .doesNotContain("verified: every file");
    }

    @Test
    void aVerifiedSessionHasNoError() throws Exception {
        ReceiveReport.reportLast(new FilesResult(summary(10, Duration.ofSeconds(1)), null, 0, List.of(), null, false,
                0, 0), false, output, false, TransferView.NONE);
        JsonNode json = new ObjectMapper().readTree(output.result().finish(ExitCode.OK).toString());
        assertThat(json.has("error")).isFalse();
        assertThat(json.get("exitCode").asInt()).isZero();
    }

    /** Memory to memory ({@code --discard}) shows the speed in bits per second too, as iperf3 does. */
    @Test
    void discardingShowsBitsPerSecondBesideBytes() {
        ReceiveReport.reportLast(new FilesResult(summary(12_500_000, Duration.ofSeconds(1)), null, 0, List.of(),
                null, false, 0, 0), false, output, true, TransferView.NONE);
        assertThat(err.toString()).contains("(11.9 MiB/s, 100 Mbit/s)");
    }

    private static TransferSummary summary(long bytes, Duration elapsed) {
        return new TransferSummary("received", 1, bytes, elapsed, new byte[32]);
    }
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
    void aDryRunSummaryHasTheDocumentedFields() {
        DryRunResult dryRun = new DryRunResult(List.of(new DryRunResult.File("a", 1, true)), List.of("nope"), "lost");
        assertThat(JsonDocument.namesOf(ReceiveReport.json(dryRun)))
                .containsExactlyInAnyOrderElementsOf(JsonDocument.read().fields("receiver, `--dry-run`"));
    }

    @Test
    void aDryRunPrintsALinePerFileAndTheCounts() {
        StringWriter lines = new StringWriter();
        ReceiveReport.print(new DryRunResult(List.of(new DryRunResult.File("dir/a.txt", 5, true),
                new DryRunResult.File("dir/b.bin", 2048, false)), List.of(), null), new PrintWriter(lines));
        assertThat(lines.toString().split("\\R")).containsExactly("up to date dir/a.txt", "would fetch dir/b.bin (2.00 KiB)",
                "dry run: 1 file would be fetched (2048 bytes), 1 up to date; nothing was transferred or stored");
    }

    @Test
    void aSessionThatComparedCopiesSaysHowManyWereUpToDateAndHowManySent() {
        FilesResult result = new FilesResult(new TransferSummary("received", 3, 300, Duration.ofSeconds(1), DIGEST, 100),
                null, 0, List.of(), null, false, 0, 0, false, Compared.of(4, 2, 200, 3, 300));
        StringWriter lines = new StringWriter();
        ReceiveReport.print(result, false, new PrintWriter(lines), false);
        assertThat(lines.toString()).contains("compared 4 copies: 2 files up to date, 1 sent (100 bytes)");
        assertThat(ReceiveReport.json(result).get("upToDate").asLong()).isEqualTo(2);
        assertThat(ReceiveReport.json(result).get("sentBytes").asLong()).isEqualTo(100);
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
