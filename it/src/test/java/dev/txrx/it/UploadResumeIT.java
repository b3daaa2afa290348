package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.receiver.store.ResumeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload ({@code sender --connect} to {@code receiver --listen}, both separate processes) cut
 * twice, by Ctrl-C and by {@code kill -9} of the sender, in the middle of its big file: each run
 * resumes the session where the last one stopped, and the tree arrives once, without copies.
 */
@Timeout(120)
class UploadResumeIT {

    private static final Pattern LISTENING = Pattern.compile("receiver listening on 127\\.0\\.0\\.1:(\\d+),");

    @TempDir
    Path dir;

    @Test
    void anUploadCutByCtrlCAndByKillResumesInTheNextRuns() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("src/up"));
        Random random = new Random(7);
        byte[] small = new byte[300_000];
        random.nextBytes(small);
        Files.write(tree.resolve("a.bin"), small);
        byte[] big = new byte[24 << 20];
        random.nextBytes(big);
        Files.write(tree.resolve("big.bin"), big);
        Path received = dir.resolve("received");
        Path work = Files.createDirectories(dir.resolve("work"));
        // each run is the same user's: the same identity, to which the receiver bound the upload session
        String identity = TestSecurity.identityDirectory().toString();
        try (AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--listen", "--bind", "127.0.0.1",
                "--port", "0", "--output-dir", received.toString(), "--no-progress", "--no-log-file")) {
            receiver.awaitOutput("receiver listening on", 30);
            Matcher matcher = LISTENING.matcher(receiver.out());
            assertThat(matcher.find()).as(receiver.out()).isTrue();
            String target = "127.0.0.1:" + matcher.group(1);

            try (AppProcess first = upload(work, target, tree, "--identity", identity, "--rate", "4M")) {
                ContinuityIT.awaitPartialOfAtLeast(received.resolve("up"), 2 << 20);
                first.signal("INT");
                first.awaitExit(15);
                assertThat(first.out()).as(first.err()).containsPattern("sent 1 file, 300000 bytes")
                        .contains("did NOT confirm the session: sender shutting down");
                assertThat(first.err()).contains("run the same command again, in the same directory, to resume");
            }
            long held = ContinuityIT.partialLength(received.resolve("up"));
            assertThat(held).as("the receiver keeps the cut upload's partial file").isPositive();

            try (AppProcess second = upload(work, target, tree, "--identity", identity, "--rate", "4M")) {
                ContinuityIT.awaitPartialOfAtLeast(received.resolve("up"), held + (2 << 20));
                second.killHard();
                second.awaitExit(15);
                assertThat(second.out()).contains("resuming upload session");
            }

            try (AppProcess third = upload(work, target, tree, "--identity", identity)) {
                assertThat(third.awaitExit(60)).as(third.out() + third.err()).isEqualTo(ExitCode.OK);
                assertThat(third.out()).contains("resuming upload session")
                        .contains("1 file was already there, 1 continued, 0 bytes sent again")
                        .contains("confirmed: totals and digest match");
            }
            receiver.awaitOutput("verified: every file passed CRC32C", 30);
        }
        ResumeIT.assertSameTree(tree, received.resolve("up"));
        try (Stream<Path> names = Files.list(received.resolve("up"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.bin", "big.bin");
        }
        assertThat(received.resolve(ResumeState.DIRECTORY)).doesNotExist();
        assertThat(work.resolve(".txrx-sender")).doesNotExist();
    }

    private static AppProcess upload(Path work, String target, Path tree, String... more) throws Exception {
        String[] args = Stream.concat(Stream.of("--connect", target, "--send", tree.toString(), "--no-log-file"),
                Stream.of(more)).toArray(String[]::new);
        return AppProcess.startIn(work, AppProcess.SENDER_JAR, args);
    }
}
