package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.txrx.cli.ExitCode;
import dev.txrx.sender.server.SenderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sender --no-save}: generated files go from memory to the receiver, which verifies them as
 * always, and the sender stores nothing.
 */
@Timeout(120)
class NoSaveIT {

    private static final String[] GENERATED = {"--count", "6", "--min-size", "0", "--max-size", "3M",
        "--min-interval", "0", "--max-interval", "20ms", "--seed", "42"};

    @TempDir
    Path dir;

    @Test
    void filesGeneratedInMemoryAreVerifiedByTheReceiverAndTheSenderStoresNothing() throws Exception {
        Path outputs = dir.resolve("outputs");
        Path received = dir.resolve("received");
        JsonNode summary = transfer(outputs, received, "--no-save");
        assertThat(summary.get("verified").asBoolean()).isTrue();
        assertThat(summary.get("files").asLong()).isEqualTo(6);
        assertThat(summary.get("digest").asText()).isEqualTo(summary.get("sender").get("digest").asText());
        assertThat(finalNames(received)).hasSize(6);
        assertThat(outputs).satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());

        // The same seed without --no-save writes the same files to outputs/ and sends the same digest.
        Path savedReceived = dir.resolve("received-saved");
        JsonNode saved = transfer(outputs, savedReceived);
        assertThat(saved.get("digest").asText()).isEqualTo(summary.get("digest").asText());
        for (String name : finalNames(received)) {
            assertThat(Files.readAllBytes(received.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(outputs.resolve(name)))
                    .isEqualTo(Files.readAllBytes(savedReceived.resolve(name)));
        }
    }

    @Test
    void cutConnectionsResumeFilesGeneratedInMemory() throws Exception {
        SenderSettings inMemory = InProcessSender.withoutSaving(InProcessSender.settings(dir.resolve("outputs"), 0, 4,
                3 << 20, 3 << 20, Duration.ZERO, 8, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        try (InProcessSender sender = new InProcessSender(inMemory); ChaosProxy proxy = new ChaosProxy(sender.port())) {
            proxy.plan(ChaosProxy.Plan.cut(5_500_000), ChaosProxy.Plan.cut(2_600_000));
            CommandRun run = CommandRun.receiver("--port", String.valueOf(proxy.port()), "--output-dir",
                    dir.resolve("received").toString(), "--retries", "5", "--retry-delay", "10ms");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("received 4 files").contains("resumed after 2 reconnections");
            sender.awaitOutcomes(3);
            assertThat(sender.outcomes).anySatisfy(o -> assertThat(o.resume()).contains("connection 3"));
            // A file the receiver held in part went on from there: its prefix, generated again, matched.
            assertThat(sender.outcomes).anySatisfy(o -> assertThat(o.resume()).contains("1 continued, 0 bytes sent again"));
        }
        assertThat(dir.resolve("outputs")).doesNotExist();
    }

    @Test
    void aPacedTransferOfFilesGeneratedInMemoryIsVerified() throws Exception {
        SenderSettings paced = InProcessSender.withRate(InProcessSender.withoutSaving(InProcessSender.settings(
                dir.resolve("outputs"), 0, 5, 1, 600_000, Duration.ofMillis(5), 8, Duration.ofSeconds(10),
                Duration.ofSeconds(10))), 40 << 20);
        try (InProcessSender sender = new InProcessSender(paced)) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard", "--json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("verified").asBoolean()).isTrue();
            assertThat(json.get("files").asLong()).isEqualTo(5);
        }
        assertThat(dir.resolve("outputs")).doesNotExist();
    }

    /** Runs the sender's jar with the generated set and {@code extra} options, and a receiver; the receiver's JSON. */
    private JsonNode transfer(Path outputs, Path received, String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--bind", "127.0.0.1", "--port",
                "0", "--once", "--output-dir", outputs.toString(), "--no-log-file"));
        args.addAll(java.util.List.of(GENERATED));
        args.addAll(java.util.List.of(extra));
        try (AppProcess sender = AppProcess.start(AppProcess.SENDER_JAR, args.toArray(String[]::new))) {
            sender.awaitOutput("waiting for a receiver", 30);
            int port = sender.listeningPort(30);
            assertThat(sender.out()).contains(extra.length > 0 ? "generating in memory, saving nothing" : "writing to");
            try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--port", String.valueOf(port),
                    "--output-dir", received.toString(), "--no-progress", "--json", "--no-log-file")) {
                assertThat(receiver.awaitExit(60)).as(receiver.err()).isEqualTo(ExitCode.OK);
                assertThat(sender.awaitExit(30)).as(sender.err()).isEqualTo(ExitCode.OK);
                return new ObjectMapper().readTree(receiver.out());
            }
        }
    }

    private static java.util.List<String> finalNames(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
                    .collect(java.util.stream.Collectors.toList());
        }
    }
}
