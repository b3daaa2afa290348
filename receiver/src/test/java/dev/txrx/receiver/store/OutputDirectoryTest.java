package dev.txrx.receiver.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutputDirectoryTest {

    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path base;

    /** The output root, {@code base/out}. */
    private Path root;
    /** A sibling of the root that must never change: {@code base/outside}, holding secret.txt. */
    private Path outside;

    @BeforeEach
    void createOutside() throws IOException {
        root = base.resolve("out");
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
    }

    @AfterEach
    void nothingWasCreatedOutsideTheRoot() throws IOException {
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret.txt"));
        }
        assertThat(outside.resolve("secret.txt")).hasContent("secret");
        try (Stream<Path> files = Files.list(base)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.equals("out") || n.equals("outside") || n.equals("root-link"));
        }
    }

    // ---- storing

    @Test
    void checkingADirectoryCreatesNothingAndManyChecksAtOnceAllPass() throws Exception {
        Path missing = base.resolve("not/yet");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> checks = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                checks.add(pool.submit(() -> {
                    OutputDirectory.check(missing);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> check : checks) {
                check.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(base.resolve("not")).doesNotExist();
        try (java.util.stream.Stream<Path> left = Files.list(base)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".txrx-check"));
        }
    }

    @Test
    void createsTheRootAndStoresAFileUnderItsNameWithItsParents() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);

        Path stored = store(out, "docs/guide/intro.txt", "hello");

        assertThat(stored).isEqualTo(out.root().resolve("docs/guide/intro.txt"));
        assertThat(stored).hasContent("hello");
        assertThat(linkCount(stored)).isEqualTo(1);
        assertThat(partFilesUnder(root)).isEmpty();
    }

    @Test
    void refusesARootThatIsAFile() throws IOException {
        Path file = Files.writeString(base.resolve("out"), "not a directory");

        assertThatThrownBy(() -> new OutputDirectory(file, OnExists.RENAME))
                .isInstanceOf(IOException.class).hasMessageContaining("is not a directory");
        Files.delete(file);
    }

    @Test
    void writesToAHiddenTemporaryFileAndCreatesNothingUnderTheFinalNameBeforeTheCommit() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.OVERWRITE);

        StagedFile file = out.stage("dir/report.txt", 0, 0);
        file.write(ByteBuffer.wrap("data".getBytes(UTF_8)));

        assertThat(file.temp().getParent()).isEqualTo(out.root().resolve("dir"));
        assertThat(file.temp().getFileName().toString()).matches("\\.report\\.txt\\.[0-9a-f]{1,16}\\.part");
        assertThat(out.root().resolve("dir/report.txt")).doesNotExist();
        file.abandon();
        assertThat(file.temp()).doesNotExist();
        assertThat(out.root().resolve("dir/report.txt")).doesNotExist();
    }

    @Test
    void appliesModeAndModificationTimeToAFileKeepingItExecutable() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);

        Path stored = store(out, "bin/run.sh", "#!/bin/sh\n", MTIME, 0755);

        assertThat(Files.getPosixFilePermissions(stored)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.isExecutable(stored)).isTrue();
        assertThat(Files.getLastModifiedTime(stored)).isEqualTo(FileTime.fromMillis(MTIME));
    }

    @Test
    void appliesAReadOnlyMode() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);

        Path stored = store(out, "notes.txt", "x", 0, 0440);

        assertThat(Files.getPosixFilePermissions(stored)).isEqualTo(PosixFilePermissions.fromString("r--r-----"));
    }

    @Test
    void appliesAModeThatLetsEveryoneWriteOnlyOnceTheFileIsStored() throws IOException {
        // under an umask of 0: the sender's mode is applied through the receiver's umask
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME, new NewFileModes(0));
        StagedFile file = out.stage("shared.txt", 0, 0666);
        file.write(ByteBuffer.wrap("x".getBytes(UTF_8)));

        assertThat(unixMode(file.temp()) & 0622).as("owner rw, nobody else w, while it arrives").isEqualTo(0600);
        file.commit();

        assertThat(unixMode(file.storedAt())).isEqualTo(0666);
    }

    @Test
    void goesOnWithAReadOnlyFileThatAnEarlierAttemptLeftInPart() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        StagedFile first = out.stage("dir/notes.txt", MTIME, 0440);
        first.write(ByteBuffer.wrap("first half, ".getBytes(UTF_8)));
        first.suspend();

        StagedFile again = out.continueFrom("dir/notes.txt", first.temp(), "first half, ".length(), MTIME, 0440);
        again.write(ByteBuffer.wrap("second half".getBytes(UTF_8)));
        again.commit();

        assertThat(again.storedAt()).isEqualTo(out.root().resolve("dir/notes.txt"))
                .hasContent("first half, second half");
        assertThat(unixMode(again.storedAt())).isEqualTo(0440);
        assertThat(Files.getLastModifiedTime(again.storedAt())).isEqualTo(FileTime.fromMillis(MTIME));
        assertThat(partFilesUnder(root)).isEmpty();
    }

    @Test
    void neverGivesAFileSetuidSetgidOrStickyBits() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);

        Path stored = store(out, "tool", "x", 0, 07755);

        assertThat(unixMode(stored)).isEqualTo(0755);
    }

    @Test
    void leavesModeAndTimeAloneWhenTheyAreUnknown() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        long before = System.currentTimeMillis() - 60_000;

        Path stored = store(out, "plain.txt", "x", 0, 0);

        assertThat(Files.getLastModifiedTime(stored).toMillis()).isGreaterThan(before);
        assertThat(unixMode(stored) & 0600).isEqualTo(0600);
    }

    // ---- OnExists

    @Test
    void overwriteReplacesAnExistingFile() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.OVERWRITE);
        store(out, "a.txt", "old");

        Path stored = store(out, "a.txt", "new");

        assertThat(stored).isEqualTo(out.root().resolve("a.txt")).hasContent("new");
        assertThat(fileNamesIn(out.root())).containsExactly("a.txt");
    }

    @Test
    void overwriteRefusesToReplaceADirectoryBeforeTheFileArrives() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.OVERWRITE);
        out.directory("a.txt", 0, 0);

        assertThatThrownBy(() -> out.stage("a.txt", 0, 0))
                .isInstanceOf(IOException.class).hasMessageContaining("a.txt").hasMessageContaining("directory");
        assertThat(out.root().resolve("a.txt")).isDirectory();
    }

    @Test
    void renameUsesTheNameItselfWhenItIsFree() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);

        assertThat(store(out, "a.txt", "x")).isEqualTo(out.root().resolve("a.txt"));
    }

    @Test
    void renameKeepsTheExistingFileAndNumbersTheNewOneBeforeTheLastExtension() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);

        Path first = store(out, "archive.tar.gz", "one");
        Path second = store(out, "archive.tar.gz", "two");
        Path third = store(out, "archive.tar.gz", "three");

        assertThat(first.getFileName()).hasToString("archive.tar.gz");
        assertThat(second.getFileName()).hasToString("archive.tar (1).gz");
        assertThat(third.getFileName()).hasToString("archive.tar (2).gz");
        assertThat(first).hasContent("one");
        assertThat(second).hasContent("two");
        assertThat(third).hasContent("three");
    }

    @Test
    void renameTreatsALeadingDotAsPartOfTheName() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        store(out, ".bashrc", "one");

        Path second = store(out, ".bashrc", "two");

        assertThat(second).isEqualTo(out.root().resolve(".bashrc (1)")).hasContent("two");
        assertThat(out.root().resolve(".bashrc")).hasContent("one");
    }

    @Test
    void renameNumbersANameWithoutExtensionAtItsEnd() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        store(out, "docs/README", "one");

        Path second = store(out, "docs/README", "two");

        assertThat(second).isEqualTo(out.root().resolve("docs/README (1)")).hasContent("two");
    }

    @Test
    void renameSkipsNumbersThatAreTakenWithoutFollowingALinkThatHoldsOne() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        Files.writeString(out.root().resolve("a.txt"), "zero");
        Files.writeString(out.root().resolve("a (1).txt"), "one");
        Files.createSymbolicLink(out.root().resolve("a (2).txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(out.root().resolve("a (3).txt"), outside.resolve("missing.txt"));

        Path stored = store(out, "a.txt", "new");

        assertThat(stored).isEqualTo(out.root().resolve("a (4).txt")).hasContent("new");
        assertThat(out.root().resolve("a.txt")).hasContent("zero");
        assertThat(out.root().resolve("a (1).txt")).hasContent("one");
    }

    @Test
    @Timeout(30)
    void eightThreadsStoringTheSameNameAtOnceAllSurviveUnderDistinctNamesWithTheirOwnContent() throws Exception {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String name = "round-" + round + "/same.txt";
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<Path>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String content = "content of thread " + t;
                    results.add(pool.submit(() -> {
                        together.await();
                        StagedFile file = out.stage(name, 0, 0);
                        file.write(ByteBuffer.wrap(content.getBytes(UTF_8)));
                        together.await();
                        file.commit();
                        return file.storedAt();
                    }));
                }
                Map<Path, String> stored = new HashMap<>();
                for (int t = 0; t < threads; t++) {
                    stored.put(results.get(t).get(20, TimeUnit.SECONDS), "content of thread " + t);
                }

                Path dir = out.root().resolve("round-" + round);
                assertThat(stored).hasSize(threads);
                assertThat(fileNamesIn(dir)).containsExactlyInAnyOrder("same.txt", "same (1).txt", "same (2).txt",
                        "same (3).txt", "same (4).txt", "same (5).txt", "same (6).txt", "same (7).txt");
                for (Map.Entry<Path, String> entry : stored.entrySet()) {
                    assertThat(entry.getKey()).hasContent(entry.getValue());
                    assertThat(linkCount(entry.getKey())).isEqualTo(1);
                }
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void skipTellsTheCallerToSkipAnExistingNameAndTouchesNothing() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.SKIP);
        Files.writeString(out.root().resolve("a.txt"), "old");

        assertThat(out.stage("a.txt", MTIME, 0755)).isNull();

        assertThat(fileNamesIn(out.root())).containsExactly("a.txt");
        assertThat(out.root().resolve("a.txt")).hasContent("old");
    }

    @Test
    void skipStoresAFileWhoseNameIsFree() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.SKIP);

        assertThat(store(out, "a.txt", "new")).hasContent("new");
    }

    @Test
    void skipKeepsAFileThatTookTheNameWhileTheNewOneArrived() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.SKIP);
        StagedFile file = out.stage("a.txt", 0, 0);
        file.write(ByteBuffer.wrap("new".getBytes(UTF_8)));
        Files.writeString(out.root().resolve("a.txt"), "first");

        file.commit();

        assertThat(file.storedAt()).isNull();
        assertThat(out.root().resolve("a.txt")).hasContent("first");
        assertThat(partFilesUnder(root)).isEmpty();
    }

    @Test
    void failRefusesAnExistingNameWhenTheFileStarts() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.FAIL);
        Files.createDirectories(out.root().resolve("dir"));
        Files.writeString(out.root().resolve("dir/a.txt"), "old");

        assertThatThrownBy(() -> out.stage("dir/a.txt", 0, 0))
                .isInstanceOf(FileExistsPolicyException.class)
                .hasMessageContaining("dir/a.txt").hasMessageContaining("exists")
                .hasMessageContaining("--on-exists fail");
        assertThat(fileNamesIn(out.root().resolve("dir"))).containsExactly("a.txt");
        assertThat(out.root().resolve("dir/a.txt")).hasContent("old");
    }

    @Test
    void failStoresAFileWhoseNameIsFree() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.FAIL);

        assertThat(store(out, "a.txt", "new")).hasContent("new");
    }

    @Test
    void failRefusesANameTakenWhileTheFileArrivedAndKeepsTheOtherFile() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.FAIL);
        StagedFile file = out.stage("a.txt", 0, 0);
        file.write(ByteBuffer.wrap("new".getBytes(UTF_8)));
        Files.writeString(out.root().resolve("a.txt"), "first");

        assertThatThrownBy(file::commit)
                .isInstanceOf(FileExistsPolicyException.class).hasMessageContaining("a.txt");
        assertThat(out.root().resolve("a.txt")).hasContent("first");
        assertThat(partFilesUnder(root)).isEmpty();
    }

    // ---- names and symbolic links

    @Test
    void refusesDotDotAndAbsoluteNames() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.OVERWRITE);

        for (String name : List.of("../outside/x", "a/../../outside/x", "..", outside.resolve("x").toString())) {
            assertThatThrownBy(() -> out.stage(name, 0, 0)).as(name)
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("unsafe entry name");
            assertThatThrownBy(() -> out.directory(name, 0, 0)).as(name)
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("unsafe entry name");
        }
        assertThat(fileNamesIn(out.root())).isEmpty();
    }

    @Test
    void refusesToWriteThroughASymlinkInsideTheRoot() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.OVERWRITE);
        Files.createSymbolicLink(out.root().resolve("link"), outside);

        assertThatThrownBy(() -> out.stage("link/x", 0, 0))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("\"link/x\"").hasMessageContaining("\"link\"")
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> out.directory("link/sub", 0, 0)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> out.stage("link/secret.txt", 0, 0)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesASymlinkDeeperInTheTree() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.OVERWRITE);
        Files.createDirectories(out.root().resolve("a/b"));
        Files.createSymbolicLink(out.root().resolve("a/b/link"), outside);

        assertThatThrownBy(() -> out.stage("a/b/link/c/x", 0, 0))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("\"a/b/link\"");
    }

    @ParameterizedTest
    @EnumSource(value = OnExists.class, mode = EnumSource.Mode.EXCLUDE, names = "RENAME")
    void refusesAFinalNameThatIsASymlinkToOutside(OnExists policy) throws IOException {
        OutputDirectory out = new OutputDirectory(root, policy);
        Files.createSymbolicLink(out.root().resolve("evil.txt"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> out.stage("evil.txt", 0, 0))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("evil.txt");
        assertThat(Files.isSymbolicLink(out.root().resolve("evil.txt"))).isTrue();
        assertThat(partFilesUnder(root)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = OnExists.class, mode = EnumSource.Mode.EXCLUDE, names = "RENAME")
    void refusesADanglingSymlinkThatWouldCreateAFileOutside(OnExists policy) throws IOException {
        OutputDirectory out = new OutputDirectory(root, policy);
        Files.createSymbolicLink(out.root().resolve("dangling"), outside.resolve("created.txt"));

        assertThatThrownBy(() -> out.stage("dangling", 0, 0)).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @EnumSource(OnExists.class)
    void refusesADirectoryWhoseNameIsASymlinkWhateverThePolicy(OnExists policy) throws IOException {
        OutputDirectory out = new OutputDirectory(root, policy);
        Files.createSymbolicLink(out.root().resolve("evil"), outside);

        assertThatThrownBy(() -> out.directory("evil", 0, 0))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("\"evil\"");
        assertThat(Files.isSymbolicLink(out.root().resolve("evil"))).isTrue();
    }

    @Test
    void renameStoresAFileBesideASymlinkAtItsNameAndFollowsNothing() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        Path link = Files.createSymbolicLink(out.root().resolve("evil.txt"), outside.resolve("secret.txt"));

        Path stored = store(out, "evil.txt", "new", MTIME, 0644);

        assertThat(stored).isEqualTo(out.root().resolve("evil (1).txt")).hasContent("new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(outside.resolve("secret.txt"));
        assertThat(fileNamesIn(out.root())).containsExactly("evil (1).txt", "evil.txt");
    }

    @Test
    void renameStoresAFileBesideADanglingSymlinkAndCreatesNothingWhereItPoints() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        Files.createDirectory(out.root().resolve("dir"));
        Path link = Files.createSymbolicLink(out.root().resolve("dir/dangling"), outside.resolve("created.txt"));

        Path stored = store(out, "dir/dangling", "new");

        assertThat(stored).isEqualTo(out.root().resolve("dir/dangling (1)")).hasContent("new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(outside.resolve("created.txt")).doesNotExist();
        assertThat(partFilesUnder(root)).isEmpty();
    }

    @Test
    void renameStillRefusesASymlinkAmongTheParentsOfANameAlreadyStoredBelowARealDirectory() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        store(out, "real/a.txt", "x");
        Files.createSymbolicLink(out.root().resolve("real/link"), outside);

        assertThatThrownBy(() -> out.stage("real/link/b.txt", 0, 0))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("\"real/link\"");
        assertThatThrownBy(() -> out.stage("real/link/secret.txt", 0, 0)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesASymlinkToADirectoryInsideTheRootToo() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.OVERWRITE);
        Files.createDirectory(out.root().resolve("real"));
        Files.createSymbolicLink(out.root().resolve("alias"), out.root().resolve("real"));

        assertThatThrownBy(() -> out.stage("alias/x", 0, 0))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("\"alias\"");
        assertThatThrownBy(() -> out.directory("alias", 0, 0)).isInstanceOf(ProtocolException.class);
        assertThat(fileNamesIn(out.root().resolve("real"))).isEmpty();
    }

    @Test
    void acceptsARootThatIsItselfASymlink() throws IOException {
        Files.createDirectory(root);
        Path link = Files.createSymbolicLink(base.resolve("root-link"), root);
        OutputDirectory out = new OutputDirectory(link, OnExists.RENAME);

        Path stored = store(out, "dir/a.txt", "x");

        assertThat(out.root()).isEqualTo(root.toRealPath());
        assertThat(stored).isEqualTo(root.toRealPath().resolve("dir/a.txt")).hasContent("x");
    }

    @Test
    void refusesAFileWhoseParentIsAFile() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        Files.writeString(out.root().resolve("a.txt"), "file");

        assertThatThrownBy(() -> out.stage("a.txt/b", 0, 0))
                .isInstanceOf(IOException.class).hasMessageContaining("a.txt/b")
                .hasMessageContaining("a file of that name exists");
        assertThat(out.root().resolve("a.txt")).hasContent("file");
    }

    // ---- directories

    @Test
    void createsADirectoryAndItsParentsAndAcceptsOneThatExists() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.FAIL);

        out.directory("a/b/c", 0, 0);
        out.directory("a/b/c", 0, 0);
        out.directory("a", 0, 0);

        assertThat(out.root().resolve("a/b/c")).isDirectory();
    }

    @Test
    void refusesADirectoryNameThatExistsAsAFile() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.OVERWRITE);
        Files.writeString(out.root().resolve("a.txt"), "file");

        assertThatThrownBy(() -> out.directory("a.txt", 0, 0))
                .isInstanceOf(IOException.class).isNotInstanceOf(ProtocolException.class)
                .hasMessageContaining("a.txt").hasMessageContaining("a file of that name exists");
        assertThat(out.root().resolve("a.txt")).hasContent("file");
    }

    @Test
    void appliesDirectoryTimesDeepestFirstEvenAfterFilesAreWrittenInside() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        out.directory("a", MTIME, 0);
        out.directory("a/b", MTIME + 1000, 0);
        out.directory("a/b/c", MTIME + 2000, 0);
        store(out, "a/b/c/deep.txt", "x");
        store(out, "a/b/f.txt", "x");
        store(out, "a/top.txt", "x");
        Files.createDirectory(out.root().resolve("a/b/made-later"));

        out.finish();

        assertThat(Files.getLastModifiedTime(out.root().resolve("a"))).isEqualTo(FileTime.fromMillis(MTIME));
        assertThat(Files.getLastModifiedTime(out.root().resolve("a/b"))).isEqualTo(FileTime.fromMillis(MTIME + 1000));
        assertThat(Files.getLastModifiedTime(out.root().resolve("a/b/c")))
                .isEqualTo(FileTime.fromMillis(MTIME + 2000));
    }

    @Test
    void appliesModesThroughTheReceiversUmaskSoNoSenderMakesAFileWritableByOthers() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME, new NewFileModes(022));
        StagedFile file = out.stage("shared.txt", 0, 0666);
        file.write(ByteBuffer.wrap("x".getBytes(UTF_8)));
        file.commit();
        out.directory("open", 0, 0777);
        out.finish();

        assertThat(unixMode(file.storedAt())).isEqualTo(0644);
        assertThat(unixMode(out.root().resolve("open"))).isEqualTo(0755);
    }

    @Test
    void aModeOfOnlySetuidSetgidOrStickyBitsGetsTheDefaultModeNotNone() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME, new NewFileModes(022));
        StagedFile file = out.stage("setuid-only", 0, 04000);
        file.write(ByteBuffer.wrap("x".getBytes(UTF_8)));
        file.commit();
        out.directory("sticky-only", 0, 01000);
        out.finish();

        assertThat(unixMode(file.storedAt())).isEqualTo(0644);
        assertThat(unixMode(out.root().resolve("sticky-only"))).isEqualTo(0755);
    }

    @Test
    void appliesDirectoryModesWithoutSetuidSetgidOrStickyBits() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME, new NewFileModes(0));
        out.directory("private", MTIME, 0750);
        out.directory("shared", 0, 07777);
        store(out, "private/a.txt", "x");

        out.finish();

        assertThat(unixMode(out.root().resolve("private"))).isEqualTo(0750);
        assertThat(unixMode(out.root().resolve("shared"))).isEqualTo(0777);
        assertThat(Files.getLastModifiedTime(out.root().resolve("private"))).isEqualTo(FileTime.fromMillis(MTIME));
    }

    @Test
    void finishWarnsAndCarriesOnWhenADirectoryIsGone() throws IOException {
        OutputDirectory out = new OutputDirectory(root, OnExists.RENAME);
        out.directory("gone", MTIME, 0755);
        out.directory("kept", MTIME, 0);
        Files.delete(out.root().resolve("gone"));

        try (LogCapture log = new LogCapture(Attributes.class.getName())) {
            assertThatCode(out::finish).doesNotThrowAnyException();
            assertThat(log.problemsMentioning("gone")).hasSize(2);
        }
        assertThat(Files.getLastModifiedTime(out.root().resolve("kept"))).isEqualTo(FileTime.fromMillis(MTIME));
    }

    // ---- helpers

    private static Path store(OutputDirectory out, String name, String content) throws IOException {
        return store(out, name, content, 0, 0);
    }

    private static Path store(OutputDirectory out, String name, String content, long mtimeMillis, int mode)
            throws IOException {
        StagedFile file = out.stage(name, mtimeMillis, mode);
        assertThat(file).as("staged " + name).isNotNull();
        file.write(ByteBuffer.wrap(content.getBytes(UTF_8)));
        file.commit();
        return file.storedAt();
    }

    private static List<String> fileNamesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> partFilesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static int linkCount(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    }

    private static int unixMode(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
