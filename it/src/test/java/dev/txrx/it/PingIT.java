package dev.txrx.it;

import dev.txrx.receiver.conversation.PingSettings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.txrx.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code receiver --ping} against a real sender: counts, verbose reply lines, the sender's delta, JSON. */
@Timeout(30)
class PingIT {

    /** One {@code -v} line: {@code reply seq=.. id=.. rtt=.. us sender-delta=.. ms} ({@code warmup} for warm-up pings). */
    record ReplyLine(String kind, long sequence, UUID id, double rttMicros, double senderDeltaMillis) {

        private static final Pattern LINE = Pattern.compile(
                "(?m)^(warmup|reply) seq=(\\d+) id=(\\S+) rtt=(\\S+) us sender-delta=(\\S+) ms$");

        static List<ReplyLine> all(String output) {
            List<ReplyLine> lines = new ArrayList<>();
            Matcher m = LINE.matcher(output);
            while (m.find()) {
                lines.add(new ReplyLine(m.group(1), Long.parseLong(m.group(2)), UUID.fromString(m.group(3)),
                        Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))));
            }
            return lines;
        }
    }

    private static final Pattern RTT_LINE = Pattern.compile("(?m)^rtt us: min \\d+\\.\\d  mean \\d+\\.\\d  p50 \\d+\\.\\d"
            + "  p90 \\d+\\.\\d  p99 \\d+\\.\\d  p99\\.9 \\d+\\.\\d  max \\d+\\.\\d$");

    @TempDir
    Path dir;

    @Test
    void everyPingOfARoundTripIsAnsweredInOrderWithItsOwnId() throws Exception {
        int count = 200;
        int warmup = 5;
        try (InProcessSender sender = generatingSender()) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--ping",
                    String.valueOf(count), "--warmup", String.valueOf(warmup), "-v", "--no-log-file");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("ping 127.0.0.1:" + sender.port() + ": 200 pings of 64 bytes, 200 answered, "
                    + "0 lost, 0 mismatched").containsPattern(RTT_LINE).doesNotContain("ended early");
            List<ReplyLine> replies = ReplyLine.all(run.out());
            assertThat(replies).extracting(ReplyLine::sequence)
                    .containsExactlyElementsOf(LongStream.range(0, count + warmup).boxed().toList());
            assertThat(replies.subList(0, warmup)).allMatch(r -> r.kind().equals("warmup"));
            assertThat(replies.subList(warmup, replies.size())).allMatch(r -> r.kind().equals("reply"));
            assertThat(new HashSet<>(replies.stream().map(ReplyLine::id).toList())).hasSize(count + warmup);
            assertThat(replies).allSatisfy(r -> {
                assertThat(r.rttMicros()).isPositive();
                assertThat(r.senderDeltaMillis()).isNotNegative().isLessThan(20_000);
            });
        }
    }

    @Test
    void senderDeltaIsTheTimeBetweenPingsSentAnIntervalApart() throws Exception {
        int count = 8;
        int warmup = 3;
        try (InProcessSender sender = generatingSender()) {
            long started = System.nanoTime();
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--ping",
                    String.valueOf(count), "--warmup", String.valueOf(warmup), "--interval", "20ms", "-v",
                    "--no-log-file");
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            List<ReplyLine> replies = ReplyLine.all(run.out());
            assertThat(replies).hasSize(count + warmup);
            // the first delta runs from the REQUEST; later ones are the interval as the sender saw it, which a
            // slow wake-up on either side may stretch but never shrink much (measured pings only: see
            // PingFaultsIT for what happens after a slow answer)
            assertThat(replies.subList(warmup + 1, replies.size())).allSatisfy(r ->
                    assertThat(r.senderDeltaMillis()).as("seq %d", r.sequence()).isBetween(10.0, 5_000.0));
            assertThat(elapsedMillis).as("%d pings 20 ms apart", count + warmup).isGreaterThanOrEqualTo(
                    (count + warmup - 1) * 20L - 20);
        }
    }

    @ParameterizedTest(name = "--size {0}")
    @ValueSource(ints = {32, 1000, PingSettings.MAX_PAYLOAD})
    void jsonHasTheCountsAndPercentilesInOrderAgainstASenderServingFiles(int size) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "served, never sent");
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(tree))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--ping", "300",
                    "--size", String.valueOf(size), "--json", "--no-log-file");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.err()).as("the human summary goes to stderr with --json")
                    .contains("300 pings of " + size + " bytes, 300 answered, 0 lost, 0 mismatched");
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("role").asText()).isEqualTo("receiver");
            assertThat(json.get("mode").asText()).isEqualTo("ping");
            assertThat(json.get("sender").asText()).isEqualTo("127.0.0.1:" + sender.port());
            assertThat(json.get("count").asLong()).isEqualTo(300);
            assertThat(json.get("payloadBytes").asLong()).isEqualTo(size);
            assertThat(json.get("answered").asLong()).isEqualTo(300);
            assertThat(json.get("lost").asLong()).isZero();
            assertThat(json.get("mismatched").asLong()).isZero();
            assertThat(json.has("problem")).isFalse();
            JsonNode rtt = json.get("rttMicros");
            List<Double> ordered = new ArrayList<>();
            for (String field : new String[] {"min", "p50", "p90", "p99", "p99.9", "max"}) {
                assertThat(rtt.has(field)).as(field).isTrue();
                ordered.add(rtt.get(field).asDouble());
            }
            assertThat(ordered.get(0)).isPositive();
            assertThat(ordered).isSorted();
            assertThat(rtt.get("mean").asDouble()).isBetween(ordered.get(0), ordered.get(ordered.size() - 1));
            try (Stream<Path> entries = Files.list(dir)) {
                assertThat(entries.map(p -> p.getFileName().toString())).as("nothing received")
                        .containsExactly("tree");
            }
        }
    }

    static Stream<String> badPingOptions() {
        return Stream.of("--ping 0", "--ping 5 --size 31", "--ping 5 --size " + (PingSettings.MAX_PAYLOAD + 1),
                "--ping 5 --warmup -1", "--ping 5 --list", "--ping 5 --listen", "--ping 5 --parallel 2",
                "--ping 5 --get a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPingOptions")
    void badPingOptionsAreUsageErrorsWithoutAConnection(String args) throws Exception {
        // port 1 on loopback: nothing listens there, and a usage error must come before any connection attempt
        List<String> argv = new ArrayList<>(List.of("--port", "1", "--retries", "1", "--no-log-file"));
        argv.addAll(List.of(args.split(" ")));
        CommandRun run = CommandRun.receiver(argv.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().findFirst().orElse("")).startsWith("receiver: ")
                .containsAnyOf("--ping", "--size", "--warmup");
        assertThat(run.err()).doesNotContain("Connection refused").doesNotContain("Exception");
    }

    /** A sender that generates files (the default mode), with room for many clients. */
    private InProcessSender generatingSender() throws Exception {
        return new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 3, 1, 1024, Duration.ZERO, 16,
                Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }
}
