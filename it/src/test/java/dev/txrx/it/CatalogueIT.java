package dev.txrx.it;

import static dev.txrx.it.SourceFiles.file;
import static dev.txrx.it.SourceFiles.random;
import static dev.txrx.it.SourceFiles.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.sender.conversation.SessionOutcome;
import dev.txrx.sender.server.SenderSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receiver --list} and {@code --get} against {@code sender --send}: the catalogue shows
 * every entry with its size, and a fetch brings exactly the entries named (a directory with its
 * tree) and nothing else. A sender that generates its files has no catalogue and says so, and
 * nothing else.
 */
@Timeout(60)
class CatalogueIT {

    @TempDir
    Path dir;

    private Path tree;
    private Path extra;
    private Path received;
    private TreeSnapshot offered;

    @BeforeEach
    void buildSourceTree() throws Exception {
        tree = dir.resolve("src/tree");
        file(tree.resolve("top.txt"), "the top file\n".getBytes(StandardCharsets.US_ASCII), "rw-r--r--", time(1));
        file(tree.resolve("zero.txt"), new byte[0], "rw-r--r--", time(2));
        file(tree.resolve("data.bin"), random(3, 1_500_000), "rw-r--r--", time(3));
        file(tree.resolve("docs/guide.md"), random(4, 2000), "rw-r--r--", time(4));
        file(tree.resolve("docs/img/logo.bin"), random(5, 70_000), "rw-------", time(5));
        // a sibling whose name starts like "docs": asking for docs must not bring it
        file(tree.resolve("docs-old/old.md"), random(6, 300), "rw-r--r--", time(6));
        SourceFiles.directory(tree.resolve("docs/empty-dir"), "rwxr-xr-x", time(7));
        SourceFiles.directory(tree.resolve("docs/img"), "rwxr-x---", time(8));
        SourceFiles.directory(tree.resolve("docs"), "rwxr-xr-x", time(9));
        SourceFiles.directory(tree.resolve("docs-old"), "rwxr-xr-x", time(10));
        SourceFiles.directory(tree, "rwxr-xr-x", time(11));
        extra = file(dir.resolve("src/extra.bin"), random(12, 4321), "rw-r--r--", time(12));
        offered = TreeSnapshot.sentAs(tree, extra);
        received = dir.resolve("received");
    }

    @Test
    void listPrintsEveryEntryWithItsSizeAndTime() throws Exception {
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(tree, extra))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--list", "--output-dir",
                    received.toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            DateTimeFormatter shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
            for (Map.Entry<String, TreeSnapshot.Entry> entry : offered.entries().entrySet()) {
                TreeSnapshot.Entry e = entry.getValue();
                String size = e.kind() == TreeSnapshot.Kind.DIRECTORY ? "-" : String.valueOf(e.size());
                String name = e.kind() == TreeSnapshot.Kind.DIRECTORY ? entry.getKey() + "/" : entry.getKey();
                String line = "(?m)^ *" + Pattern.quote(size) + " +"
                        + Pattern.quote(shown.format(Instant.ofEpochMilli(e.mtimeMillis()))) + " +" + Pattern.quote(name) + "$";
                assertThat(run.out()).as(entry.getKey()).containsPattern(line);
            }
            long bytes = offered.filesOnly().entries().values().stream().mapToLong(TreeSnapshot.Entry::size).sum();
            assertThat(run.out()).contains("7 files, " + bytes + " bytes").contains("in 5 directories");
            assertThat(run.out().lines()).as("one line per entry and the totals").hasSize(offered.entries().size() + 1);
        }
        assertThat(received).as("listing stores nothing").doesNotExist();
    }

    @Test
    void getFetchesExactlyTheNamedFileAndDirectoryTree() throws Exception {
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(tree, extra))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--get", "tree/docs",
                    "tree/top.txt", "--output-dir", received.toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("received 3 files, 72013 bytes").contains("verified:")
                    .doesNotContain("not found");
        }
        TreeSnapshot fetched = TreeSnapshot.contentsOf(received);
        // "tree" itself was not asked for: it is only made to hold what was
        assertThat(fetched.get("tree").kind()).isEqualTo(TreeSnapshot.Kind.DIRECTORY);
        assertThat(fetched.onlyUnder("tree/docs", "tree/top.txt").entries())
                .containsExactlyEntriesOf(offered.onlyUnder("tree/docs", "tree/top.txt").entries());
        assertThat(fetched.names()).containsExactly("tree", "tree/docs", "tree/docs/empty-dir", "tree/docs/guide.md",
                "tree/docs/img", "tree/docs/img/logo.bin", "tree/top.txt");
    }

    /**
     * {@code --exclude} on either side: the sender never serves what its patterns match, the
     * receiver does not ask for what its own match; an excluded directory takes its tree along,
     * and a listing leaves out the same entries.
     */
    @Test
    void excludesOnEitherSideLeaveEntriesOutOfWhatIsSentAndListed() throws Exception {
        SenderSettings excluding = InProcessSender.sending(tree, extra).withExcludes(java.util.List.of("img"));
        try (InProcessSender sender = new InProcessSender(excluding)) {
            CommandRun list = CommandRun.receiver("--port", String.valueOf(sender.port()), "--list", "--exclude", "*.md",
                    "--output-dir", received.toString(), "--no-progress");
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--exclude", "*.md",
                    "--exclude", "tree/zero.txt", "--output-dir", received.toString(), "--no-progress");

            assertThat(list.exitCode()).as(list.out() + list.err()).isEqualTo(ExitCode.OK);
            assertThat(list.out()).contains("tree/docs/empty-dir/").doesNotContain("img").doesNotContain(".md")
                    .contains("tree/zero.txt");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        }
        TreeSnapshot fetched = TreeSnapshot.contentsOf(received);
        assertThat(fetched.names()).containsExactlyInAnyOrder("extra.bin", "tree", "tree/data.bin", "tree/docs",
                "tree/docs/empty-dir", "tree/docs-old", "tree/top.txt");
        assertThat(fetched.get("tree/data.bin")).isEqualTo(offered.get("tree/data.bin"));
    }

    @Test
    void getWithUnknownNamesReportsThemFailsAndStillFetchesTheKnownOne() throws Exception {
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(tree, extra))) {
            // "tree/doc" is no entry, though "tree/docs" starts with it
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--get", "no-such-entry",
                    "tree/top.txt", "tree/doc", "--output-dir", received.toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out()).contains("not found on the sender: no-such-entry")
                    .contains("not found on the sender: tree/doc\n")
                    .contains("received 1 file, 13 bytes");
        }
        TreeSnapshot fetched = TreeSnapshot.contentsOf(received);
        assertThat(fetched.names()).containsExactly("tree", "tree/top.txt");
        assertThat(fetched.get("tree/top.txt")).isEqualTo(offered.get("tree/top.txt"));
    }

    /**
     * A sender that generates its files refuses --list and --get by name: the receiver says the
     * sender's reason in one line and nothing else (no totals of an empty session), and a --once
     * sender does not take a refused request for its one session.
     */
    @Test
    void listAndGetAgainstAGeneratingSenderAreRefusedInOneLineAndAreNoSession() throws Exception {
        SenderSettings once = InProcessSender.withOnce(InProcessSender.settings(dir.resolve("outputs"), 0, 2, 1, 1000,
                Duration.ZERO, 8, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        try (InProcessSender sender = new InProcessSender(once)) {
            CommandRun list = CommandRun.receiver("--port", String.valueOf(sender.port()), "--list", "--output-dir",
                    received.toString(), "--no-progress");
            CommandRun get = CommandRun.receiver("--port", String.valueOf(sender.port()), "--get", "file_1.bits",
                    "--output-dir", received.toString(), "--no-progress", "--json");

            for (CommandRun run : new CommandRun[] {list, get}) {
                assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
                assertThat(run.err()).contains("receiver: this sender generates its files and has no catalogue; "
                        + "run the receiver without --list or --get, or start the sender with --send\n")
                        .doesNotContain("received 0").doesNotContain("digest").doesNotContain("NOT verified");
            }
            assertThat(list.out()).isEmpty();
            assertThat(get.out()).as("--json: one object, the error").isEqualTo("{\"role\":\"receiver\",\"error\":"
                    + "\"the sender refused GET: this sender generates its files and has no catalogue; run the receiver "
                    + "without --list or --get, or start the sender with --send\",\"exitCode\":1}\n");
            assertThat(received).doesNotExist();

            // the --once sender is still waiting for its one session, and serves it
            CommandRun files = CommandRun.receiver("--port", String.valueOf(sender.port()), "--output-dir",
                    received.toString(), "--no-progress");
            assertThat(files.exitCode()).as(files.out() + files.err()).isEqualTo(ExitCode.OK);
            sender.awaitOutcomes(3);
            assertThat(sender.outcomes).extracting(SessionOutcome::refused).containsExactly(true, true, false);
            assertThat(sender.outcomes.get(0).activity()).isEqualTo("refused REQUEST LIST");
        }
    }
}
