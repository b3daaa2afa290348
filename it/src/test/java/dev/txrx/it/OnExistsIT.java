package dev.txrx.it;

import dev.txrx.receiver.store.ResumeState;
import static dev.txrx.it.SourceFiles.file;
import static dev.txrx.it.SourceFiles.random;
import static dev.txrx.it.SourceFiles.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same tree received twice into the same directory, its files changed in between, under
 * each {@code --on-exists} policy.
 */
@Timeout(60)
class OnExistsIT {

    /** Each file of the tree and the name {@code rename} gives its first copy. */
    private static final Map<String, String> FIRST_COPY = Map.of(
            "tree/a.txt", "tree/a (1).txt",
            "tree/archive.tar.gz", "tree/archive.tar (1).gz",
            "tree/c", "tree/c (1)",
            "tree/.hidden", "tree/.hidden (1)",
            "tree/sub/b.bin", "tree/sub/b (1).bin");

    @TempDir
    Path dir;

    private Path tree;
    private Path received;
    private InProcessSender sender;
    private TreeSnapshot first;

    @BeforeEach
    void receiveTheFirstVersion() throws Exception {
        tree = dir.resolve("src/tree");
        writeVersion(1);
        received = dir.resolve("received");
        // the sender scans the tree again for every session: each receiver gets it as it is then
        sender = new InProcessSender(InProcessSender.sending(tree));
        CommandRun run = receive();
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        first = TreeSnapshot.contentsOf(received);
        assertThat(first.entries()).containsExactlyEntriesOf(TreeSnapshot.sentAs(tree).entries());
        writeVersion(2);
    }

    @AfterEach
    void stopSender() throws Exception {
        sender.close();
    }

    @Test
    void renameIsTheDefaultAndStoresTheNewFilesUnderNumberedNames() throws Exception {
        CommandRun run = receive();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        TreeSnapshot now = TreeSnapshot.contentsOf(received);
        TreeSnapshot second = TreeSnapshot.sentAs(tree);
        assertThat(now.filesOnly().names()).hasSize(2 * FIRST_COPY.size());
        for (Map.Entry<String, String> copy : FIRST_COPY.entrySet()) {
            assertThat(now.get(copy.getKey())).as("kept: " + copy.getKey()).isEqualTo(first.get(copy.getKey()));
            assertThat(now.get(copy.getValue())).as("new: " + copy.getValue()).isEqualTo(second.get(copy.getKey()));
        }
    }

    @Test
    void overwriteReplacesContentTimeAndPermissions() throws Exception {
        CommandRun run = receive("--on-exists", "overwrite");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        TreeSnapshot now = TreeSnapshot.contentsOf(received);
        assertThat(now.filesOnly().entries()).containsExactlyEntriesOf(TreeSnapshot.sentAs(tree).filesOnly().entries());
    }

    @Test
    void skipKeepsTheOldFilesAndSucceeds() throws Exception {
        CommandRun run = receive("--on-exists", "skip");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("verified:");
        assertThat(TreeSnapshot.contentsOf(received).entries()).containsExactlyEntriesOf(first.entries());
    }

    @Test
    void failStopsWithAMessageNamingTheFileAndChangesNothing() throws Exception {
        CommandRun run = receive("--on-exists", "fail");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
        Matcher named = Pattern.compile("NOT verified: (\\S+) already exists in the output directory \\(--on-exists fail\\)")
                .matcher(run.out());
        assertThat(named.find()).as(run.out()).isTrue();
        assertThat(FIRST_COPY).containsKey(named.group(1));
        java.util.Map<String, TreeSnapshot.Entry> after = new java.util.TreeMap<>(TreeSnapshot.contentsOf(received).entries());
        after.keySet().removeIf(name -> name.startsWith(ResumeState.DIRECTORY));
        assertThat(after).as("nothing changed, no .part left").containsExactlyEntriesOf(first.entries());
    }

    /**
     * Both versions give the directories the same time and mode, which the first receive set:
     * storing more files in them must not leave them with the time of those writes.
     */
    @ParameterizedTest(name = "--on-exists {0}")
    @ValueSource(strings = {"rename", "overwrite", "skip"})
    void directoriesKeepTheirTimeAndModeWhenTheTreeArrivesAgain(String policy) throws Exception {
        CommandRun run = receive("--on-exists", policy);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        TreeSnapshot directories = TreeSnapshot.contentsOf(received).directoriesOnly();
        assertThat(directories.entries()).containsExactlyEntriesOf(first.directoriesOnly().entries())
                .containsExactlyEntriesOf(TreeSnapshot.sentAs(tree).directoriesOnly().entries());
    }

    private CommandRun receive(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("--port", String.valueOf(sender.port()), "--output-dir",
                received.toString(), "--no-progress"));
        args.addAll(List.of(options));
        return CommandRun.receiver(args.toArray(String[]::new));
    }

    /** Version {@code v} of the tree: every file's content, size, time and permissions change; directories do not. */
    private void writeVersion(int v) throws Exception {
        file(tree.resolve("a.txt"), ("a, version " + v + "\n").repeat(v).getBytes(StandardCharsets.UTF_8),
                v == 1 ? "rw-r--r--" : "rw-------", time(10 * v + 1));
        file(tree.resolve("archive.tar.gz"), random(10 * v + 2, 40_000 * v), "rw-r--r--", time(10 * v + 2));
        file(tree.resolve("c"), random(10 * v + 3, 1000 + v), v == 1 ? "rwxr-xr-x" : "rw-r--r--", time(10 * v + 3));
        file(tree.resolve(".hidden"), ("hidden=" + v + "\n").getBytes(StandardCharsets.UTF_8), "rw-------",
                time(10 * v + 4));
        file(tree.resolve("sub/b.bin"), random(10 * v + 5, 1_200_000 + v), "rw-r-----", time(10 * v + 5));
        SourceFiles.directory(tree.resolve("sub"), "rwxr-x---", time(1));
        SourceFiles.directory(tree, "rwxr-xr-x", time(2));
    }
}
