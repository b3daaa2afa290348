package dev.txrx.it;

import static dev.txrx.it.SourceFiles.file;
import static dev.txrx.it.SourceFiles.random;
import static dev.txrx.it.SourceFiles.time;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.txrx.cli.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tree ({@code sender --send}) arrives identical: the same names, bytes, modification
 * times and permissions, empty files and folders included, links left out. Both ways round: a
 * receiver that connects to a listening sender, and a sender that connects ({@code --connect})
 * to a listening receiver ({@code receiver --listen}, a separate process).
 */
@Timeout(60)
class RealTreeIT {

    @TempDir
    Path dir;

    private Path tree;
    private Path single;
    private Path received;
    private TreeSnapshot expected;

    @BeforeEach
    void buildSourceTree() throws Exception {
        tree = dir.resolve("src/tree");
        file(tree.resolve("run.sh"), "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.US_ASCII), "rwxr-xr-x", time(2));
        file(tree.resolve("notes.txt"), "plain notes\n".getBytes(StandardCharsets.US_ASCII), "rw-r--r--", time(3));
        file(tree.resolve("secret.key"), random(4, 32), "rw-------", time(4));
        file(tree.resolve("empty.txt"), new byte[0], "rw-r--r--", time(5));
        // more than two FILE_DATA frames of 1 MiB
        file(tree.resolve("random.bin"), random(6, 2_500_000), "rw-r--r--", time(6));
        file(tree.resolve("résumé/日本語.txt"), "こんにちは\n".getBytes(StandardCharsets.UTF_8), "rw-r--r--", time(9));
        file(tree.resolve("a/b/c/deep.bin"), random(13, 65_537), "rw-r-----", time(13));
        file(tree.resolve("a/with spaces, #hash & 😀 emoji.txt"), random(16, 1000), "rw-r--r--", time(16));
        Files.createSymbolicLink(tree.resolve("link-to-notes"), Path.of("notes.txt"));
        Files.createSymbolicLink(tree.resolve("link-outside"), dir.resolve("src"));
        Files.createSymbolicLink(tree.resolve("a/dangling-link"), Path.of("no-such-file"));
        // directories last, deepest first: every entry made inside one changes its time
        SourceFiles.directory(tree.resolve("empty-folder"), "rwxr-xr-x", time(7));
        SourceFiles.directory(tree.resolve("résumé"), "rwxr-x---", time(8));
        SourceFiles.directory(tree.resolve("a/b/c"), "rwxr-xr-x", time(12));
        SourceFiles.directory(tree.resolve("a/b"), "rwx------", time(11));
        SourceFiles.directory(tree.resolve("a"), "rwxr-xr-x", time(10));
        SourceFiles.directory(tree, "rwxr-xr-x", time(1));
        single = file(dir.resolve("loose/single.dat"), new byte[] {42}, "rw-r-----", time(14));

        received = dir.resolve("received");
        expected = TreeSnapshot.sentAs(tree, single).withoutLinks();
        assertThat(expected.names()).as("the source tree as built").hasSize(15)
                .contains("tree/empty-folder", "tree/résumé/日本語.txt", "single.dat");
        assertThat(expected.get("tree/run.sh").mtimeMillis()).isEqualTo(time(2).toEpochMilli());
    }

    @Test
    void treeFromAListeningSenderArrivesIdentical() throws Exception {
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(tree, single))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--output-dir",
                    received.toString(), "--no-progress", "--json-stream", "--interval", "10s");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.err()).contains("received 9 files, " + bytes() + " bytes").contains("verified:");
            assertStreamedEvents(run.out());
        }
        assertArrivedIdentical();
    }

    /**
     * {@code --json-stream}: one object per line, a {@code start} with the totals the sender
     * announced, a {@code file} for each file verified, the intervals, and last an {@code end}
     * that is the {@code --json} summary.
     */
    private void assertStreamedEvents(String out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            events.add(json.readTree(line));
        }
        assertThat(events.get(0).get("event").asText()).isEqualTo("start");
        assertThat(events.get(0).get("files").asLong()).isEqualTo(9);
        assertThat(events.get(0).get("bytes").asLong()).isEqualTo(bytes());
        assertThat(events).filteredOn(e -> e.get("event").asText().equals("file")).hasSize(9)
                .extracting(e -> e.get("name").asText()).contains("tree/run.sh", "single.dat");
        assertThat(events).filteredOn(e -> e.get("event").asText().equals("interval"))
                .extracting(e -> e.get("bytes").asLong()).isNotEmpty().containsOnly(bytes());
        JsonNode end = events.get(events.size() - 1);
        assertThat(end.get("event").asText()).isEqualTo("end");
        assertThat(end.get("verified").asBoolean()).isTrue();
        assertThat(end.get("files").asLong()).isEqualTo(9);
    }

    @Test
    void treeUploadedToAListeningReceiverArrivesIdentical() throws Exception {
        try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--listen", "--bind", "127.0.0.1",
                "--port", "0", "--output-dir", received.toString(), "--no-progress", "-v")) {
            int port = receiver.listeningPort(30);
            receiver.awaitOutput("receiver listening on 127.0.0.1:" + port, 30);

            CommandRun upload = CommandRun.sender("--connect", "127.0.0.1:" + port, "--send", tree.toString(),
                    single.toString(), "-v");

            assertThat(upload.exitCode()).as(upload.out() + upload.err()).isEqualTo(ExitCode.OK);
            assertThat(upload.out()).contains("sent 9 files, " + bytes() + " bytes").contains("confirmed: totals and digest match");
            // -v: one line per file sent
            assertThat(upload.out().lines().filter(line -> line.startsWith("sent tree/") || line.startsWith("sent single"))
                    .count()).as(upload.out()).isEqualTo(9);
            // printed once the upload is stored, directory times included
            receiver.awaitOutput("verified: every file passed CRC32C", 30);
            assertThat(receiver.out()).contains("upload from 127.0.0.1:").contains("received 9 files, " + bytes() + " bytes");
            // -v: one line per file verified, naming the upload
            assertThat(receiver.out()).containsPattern("upload from 127\\.0\\.0\\.1:\\d+: verified tree/run\\.sh \\(");
            assertArrivedIdentical();

            receiver.signal("INT");
            assertThat(receiver.awaitExit(10)).as(receiver.out()).isEqualTo(ExitCode.INTERRUPTED);
        }
        assertArrivedIdentical();
    }

    @Test
    void namesOfTheLongest255ByteSegmentArrive() throws Exception {
        // 255 bytes is the most a segment may have, in the protocol and in most file systems
        Path longNames = dir.resolve("long");
        for (int length : new int[] {233, 244, 255}) {
            file(longNames.resolve("L".repeat(length - 4) + ".txt"), random(length, 100), "rw-r--r--", time(length));
        }
        file(longNames.resolve("日".repeat(85)), random(21, 100), "rw-r--r--", time(21)); // 85 characters of 3 bytes
        SourceFiles.directory(longNames, "rwxr-xr-x", time(22));
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(longNames))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--output-dir",
                    received.toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        }
        assertThat(TreeSnapshot.contentsOf(received).entries())
                .containsExactlyEntriesOf(TreeSnapshot.sentAs(longNames).entries());
    }

    private long bytes() {
        return expected.filesOnly().entries().values().stream().mapToLong(TreeSnapshot.Entry::size).sum();
    }

    private void assertArrivedIdentical() throws Exception {
        TreeSnapshot actual = TreeSnapshot.contentsOf(received);
        // names, kinds, sizes, SHA-256, mtime to the millisecond, permissions; no link, no .part
        assertThat(actual.entries()).containsExactlyEntriesOf(expected.entries());

        assertThat(received.resolve("tree/run.sh")).isExecutable();
        assertThat(actual.get("tree/run.sh").permissions()).isEqualTo("rwxr-xr-x");
        assertThat(actual.get("tree/secret.key").permissions()).isEqualTo("rw-------");
        assertThat(actual.get("tree/random.bin").mtimeMillis()).isEqualTo(time(6).toEpochMilli());
        assertThat(received.resolve("tree/empty-folder")).isEmptyDirectory();
        assertThat(received.resolve("tree/empty.txt")).isEmptyFile();
        try (Stream<Path> links = Files.walk(received).filter(Files::isSymbolicLink)) {
            assertThat(links).isEmpty();
        }
    }
}
