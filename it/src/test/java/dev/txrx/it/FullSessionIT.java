package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.txrx.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FullSessionIT {

    @TempDir
    Path dir;

    @Test
    void everyFileArrivesIdenticalToTheSendersOutputsAndTotalsMatch() throws Exception {
        Path outputs = dir.resolve("outputs");
        Path received = dir.resolve("received");
        try (InProcessSender sender = new InProcessSender(outputs, 25)) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--output-dir",
                    received.toString(), "--no-progress");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("received 25 files").contains("verified:");
            sender.awaitOutcomes(1);
            assertThat(sender.outcomes).singleElement().satisfies(o -> assertThat(o.succeeded()).isTrue());
        }
        for (int i = 1; i <= 25; i++) {
            String name = "file_" + i + ".bits";
            assertThat(Files.readAllBytes(received.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(outputs.resolve(name)));
        }
        try (Stream<Path> files = Files.list(received)) {
            assertThat(files).hasSize(25).allMatch(p -> p.getFileName().toString().matches("file_\\d+\\.bits"));
        }
    }

    @Test
    void twoReceiversAtOnceBothVerifyWhileFilesOfTheSameNameAreReplaced() throws Exception {
        try (InProcessSender sender = new InProcessSender(dir.resolve("outputs"), 40)) {
            java.util.concurrent.CompletableFuture<CommandRun> first = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> CommandRun.receiver("--port", port(sender), "--output-dir", dir.resolve("a").toString()));
            CommandRun second = CommandRun.receiver("--port", port(sender), "--output-dir", dir.resolve("b").toString());
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(first.get().exitCode()).as(first.get().err()).isZero();
        }
    }

    /** The sender's own failure is its fault, not the receiver's: an ERROR frame says so, and nothing is kept. */
    @Test
    void aSenderThatCannotGenerateItsFilesSaysSoToTheReceiver() throws Exception {
        Path outputs = dir.resolve("outputs");
        Path received = dir.resolve("received");
        try (InProcessSender sender = new InProcessSender(outputs, 3)) {
            Files.delete(outputs);
            Files.writeString(outputs, "a file where the output directory was");
            CommandRun run = CommandRun.receiver("--port", port(sender), "--output-dir", received.toString(),
                    "--retries", "1");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out() + run.err()).as(run.out() + run.err()).contains("sender reported INTERNAL: cannot generate");
            sender.awaitOutcomes(1);
            assertThat(sender.outcomes).singleElement().satisfies(o -> {
                assertThat(o.succeeded()).isFalse();
                assertThat(o.problem()).startsWith("cannot generate");
            });
        }
        // only the hidden resume state, for a later attempt; no file under a final name
        try (Stream<Path> entries = Files.list(received)) {
            assertThat(entries).allMatch(p -> p.getFileName().toString().startsWith("."));
        }
    }

    private static String port(InProcessSender sender) {
        return String.valueOf(sender.port());
    }

    @Test
    void jsonSummaryOnStdoutAgreesWithTheSender() throws Exception {
        try (InProcessSender sender = new InProcessSender(dir.resolve("outputs"), 5)) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard", "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("verified").asBoolean()).isTrue();
            assertThat(json.get("files").asLong()).isEqualTo(5);
            assertThat(json.get("bytes").asLong()).isEqualTo(json.get("sender").get("bytes").asLong());
            assertThat(json.get("digest").asText()).isEqualTo(json.get("sender").get("digest").asText()).hasSize(64);
            assertThat(run.err()).contains("verified:");
        }
        assertThat(dir.resolve("received")).doesNotExist();
    }
}
