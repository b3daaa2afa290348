package dev.txrx.it;

import static dev.txrx.it.SourceFiles.file;
import static dev.txrx.it.SourceFiles.random;
import static dev.txrx.it.SourceFiles.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code receiver --listen} (a separate process) takes three uploads at once from
 * {@code sender --connect}, each a tree of the same names with different content. With the
 * default {@code --on-exists rename} every upload is stored whole: each name arrives as
 * {@code x}, {@code x (1)} and {@code x (2)}, holding the three contents. The receiver keeps
 * running: a fourth upload afterwards lands as {@code x (3)}, from a sender in a pseudo-terminal
 * that draws its progress line.
 */
@Timeout(60)
class ListeningReceiverIT {

    /** Each file of the uploaded tree, with the names its copies get, in order. */
    private static final Map<String, List<String>> COPIES = Map.of(
            "tree/x.bin", List.of("tree/x.bin", "tree/x (1).bin", "tree/x (2).bin", "tree/x (3).bin"),
            "tree/notes.txt", List.of("tree/notes.txt", "tree/notes (1).txt", "tree/notes (2).txt", "tree/notes (3).txt"),
            "tree/sub/README", List.of("tree/sub/README", "tree/sub/README (1)", "tree/sub/README (2)",
                    "tree/sub/README (3)"),
            "tree/sub/.config", List.of("tree/sub/.config", "tree/sub/.config (1)", "tree/sub/.config (2)",
                    "tree/sub/.config (3)"));

    @TempDir
    Path dir;

    /** How one upload went, with when it ran as seen from the test. */
    private record Upload(CommandRun run, long startedNanos, long endedNanos) {
    }

    @Test
    void threeUploadsAtOnceAreEachStoredWholeUnderTheirOwnNamesAndAFourthFollows() throws Exception {
        List<Path> sources = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            sources.add(sourceTree(k));
        }
        Path received = dir.resolve("received");
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--listen", "--bind", "127.0.0.1",
                "--port", "0", "--output-dir", received.toString(), "--no-progress")) {
            int port = receiver.listeningPort(30);
            receiver.awaitOutput("receiver listening on 127.0.0.1:" + port, 30);

            List<CompletableFuture<Upload>> running = new ArrayList<>();
            for (Path source : sources.subList(0, 3)) {
                // paced, so that the three uploads are surely in progress at the same time
                running.add(CompletableFuture.supplyAsync(() -> upload(port, source, "--rate", "1M"), senders));
            }
            List<Upload> uploads = new ArrayList<>();
            for (CompletableFuture<Upload> future : running) {
                uploads.add(future.get(40, TimeUnit.SECONDS));
            }
            for (Upload upload : uploads) {
                assertThat(upload.run().exitCode()).as(upload.run().out() + upload.run().err()).isEqualTo(ExitCode.OK);
                assertThat(upload.run().out()).contains("confirmed: totals and digest match");
            }
            long lastStart = uploads.stream().mapToLong(Upload::startedNanos).max().orElseThrow();
            long firstEnd = uploads.stream().mapToLong(Upload::endedNanos).min().orElseThrow();
            assertThat(lastStart).as("the three uploads overlapped").isLessThan(firstEnd);
            awaitReports(receiver, 3);

            assertStoredAsNumberedCopies(received, sources.subList(0, 3));

            uploadInATerminal(port, sources.get(3));
            awaitReports(receiver, 4);
            assertStoredAsNumberedCopies(received, sources);
            for (Map.Entry<String, List<String>> copies : COPIES.entrySet()) {
                // the first three names were taken, so the fourth copy is the only place the fourth content can be
                assertThat(TreeSnapshot.sha256(received.resolve(copies.getValue().get(3))))
                        .isEqualTo(TreeSnapshot.sha256(sources.get(3).getParent().resolve(copies.getKey())));
            }

            receiver.signal("INT");
            assertThat(receiver.awaitExit(10)).as(receiver.out()).isEqualTo(ExitCode.INTERRUPTED);
        } finally {
            senders.shutdownNow();
        }
    }

    /** Upload {@code k}: the same names as every other, with content of its own. */
    private Path sourceTree(int k) throws Exception {
        Path tree = dir.resolve("source-" + k + "/tree");
        file(tree.resolve("x.bin"), random(k, 400_000 + k), "rw-r--r--", time(k));
        file(tree.resolve("notes.txt"), ("notes of upload " + k + "\n").getBytes(StandardCharsets.UTF_8),
                "rw-r--r--", time(k));
        file(tree.resolve("sub/README"), random(100 + k, 200_000), "rwxr-xr-x", time(k));
        file(tree.resolve("sub/.config"), ("upload=" + k + "\n").getBytes(StandardCharsets.UTF_8), "rw-------",
                time(k));
        return tree;
    }

    private static Upload upload(int port, Path tree, String... options) {
        List<String> args = new ArrayList<>(List.of("--connect", "127.0.0.1:" + port, "--send", tree.toString()));
        args.addAll(List.of(options));
        long started = System.nanoTime();
        CommandRun run = CommandRun.sender(args.toArray(String[]::new));
        return new Upload(run, started, System.nanoTime());
    }

    /**
     * The fourth upload, from a sender in a pseudo-terminal: it draws its progress line, with the
     * percentage of the totals it knows, while it sends (paced, so that the line is drawn).
     */
    private static void uploadInATerminal(int port, Path tree) throws Exception {
        String sender = AppProcess.shellCommand(AppProcess.SENDER_JAR, "--connect", "127.0.0.1:" + port, "--send",
                tree.toString(), "--rate", "1M", "--no-log-file");
        try (PseudoTerminal terminal = PseudoTerminal.run(sender + "; echo EXIT=$?")) {
            terminal.awaitEnd(30);
            assertThat(terminal.lines()).contains("EXIT=" + ExitCode.OK)
                    .containsPattern("(?m)^sending +\\d+% \\[=*>? *\\] +[0-9.]+ [KM]?i?B/586 KiB .* ETA +(\\d+:\\d\\d|\\?) \\d/4 files")
                    .contains("confirmed: totals and digest match");
        }
    }

    /**
     * Every file of the sources is stored once, under a numbered name of its own, and nothing
     * else is: for each name, the copies hold exactly the contents of the sources.
     */
    private static void assertStoredAsNumberedCopies(Path received, List<Path> sources) throws Exception {
        TreeSnapshot stored = TreeSnapshot.contentsOf(received).filesOnly();
        List<String> expectedNames = COPIES.values().stream()
                .flatMap(names -> names.subList(0, sources.size()).stream())
                .collect(Collectors.toList());
        assertThat(stored.names()).as("no other file, no .part").containsExactlyInAnyOrderElementsOf(expectedNames);
        for (Map.Entry<String, List<String>> copies : COPIES.entrySet()) {
            List<String> storedContents = new ArrayList<>();
            for (String name : copies.getValue().subList(0, sources.size())) {
                storedContents.add(stored.get(name).sha256());
            }
            List<String> sentContents = new ArrayList<>();
            for (Path source : sources) {
                sentContents.add(TreeSnapshot.sha256(source.getParent().resolve(copies.getKey())));
            }
            assertThat(storedContents).as(copies.getKey()).containsExactlyInAnyOrderElementsOf(sentContents);
        }
    }

    /** Waits until the receiver has reported {@code n} verified uploads: they are then stored completely. */
    private static void awaitReports(AppProcess receiver, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count(receiver.out(), "verified: every file passed CRC32C") < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " verified uploads reported:\n" + receiver.out()
                        + "\nstderr:\n" + receiver.err());
            }
            Thread.sleep(20);
        }
        assertThat(count(receiver.out(), "upload from 127.0.0.1:")).isEqualTo(n);
        assertThat(receiver.out()).doesNotContain("NOT verified");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
