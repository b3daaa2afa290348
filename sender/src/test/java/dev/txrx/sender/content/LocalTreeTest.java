package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.txrx.common.protocol.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What a local tree sends when its files change between the scan and their turn. */
@Timeout(20)
class LocalTreeTest {

    @TempDir
    Path dir;
    private Path tree;
    private Path file;
    private LocalTree source;

    @BeforeEach
    void makeTree() throws Exception {
        tree = Files.createDirectories(dir.resolve("tree"));
        file = Files.writeString(tree.resolve("a.txt"), "served");
        Files.writeString(tree.resolve("b.txt"), "also served");
        source = new LocalTree(List.of(tree), 1, Duration.ofSeconds(2));
    }

    @AfterEach
    void close() {
        source.close();
    }

    /** Every item a session gets, scanned now, after {@code change} ran between the scan and the sending. */
    private List<String> sent(ThrowingRunnable change) throws Exception {
        List<String> sent = new ArrayList<>();
        try (SessionContent content = source.open(List.of(), new ArrayList<>(), 0)) {
            change.run();
            ContentItem item;
            while (!((item = content.next(0)) instanceof ContentItem.End)) {
                if (item instanceof ContentItem.File f) {
                    ByteBufferText text = new ByteBufferText(f);
                    sent.add(f.name() + "=" + text.read());
                    f.close();
                } else if (item instanceof ContentItem.Directory d) {
                    sent.add(d.frame().name() + "/");
                }
            }
        }
        return sent;
    }

    /**
     * Entries of a directory go out in the byte order of their names' UTF-8: U+E000 before
     * U+1F600 (String.compareTo has it the other way round), 'z' before 'é' (a Unix Path compares
     * signed bytes, and has that the other way round too), and a directory's contents before the
     * next entry.
     */
    @Test
    void entriesOfADirectoryAreSentInTheByteOrderOfTheirUtf8Names() throws Exception {
        Path names = Files.createDirectories(dir.resolve("names"));
        for (String name : List.of("\uD83D\uDE00", "\uE000", "\u00e9", "z", "a-b")) {
            Files.writeString(names.resolve(name), name);
        }
        Files.writeString(Files.createDirectories(names.resolve("a")).resolve("x"), "x");

        try (LocalTree sorted = new LocalTree(List.of(names), 1)) {
            assertThat(sorted.catalogue()).extracting(Frame.Entry::name).containsExactly("names", "names/a",
                    "names/a/x", "names/a-b", "names/z", "names/\u00e9", "names/\uE000", "names/\uD83D\uDE00");
        }
    }

    /** The tree is scanned for every receiver; a link in it is news once, not once a receiver. */
    @Test
    void aSymbolicLinkInTheTreeIsToldOnceForAllScansAndANewOneWhenItAppears() throws Exception {
        Files.createSymbolicLink(tree.resolve("link"), file);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(LocalTree.class);
        warnings.start();
        logger.addAppender(warnings);
        try {
            for (int receiver = 0; receiver < 3; receiver++) {
                assertThat(source.catalogue()).extracting(Frame.Entry::name).containsExactly("tree", "tree/a.txt",
                        "tree/b.txt");
            }
            Files.createSymbolicLink(tree.resolve("other"), file);
            source.catalogue();
            source.catalogue();
        } finally {
            logger.detachAppender(warnings);
        }

        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "skipping 1 entry of the tree: symbolic link " + tree.resolve("link"),
                "skipping 1 entry of the tree: symbolic link " + tree.resolve("other"));
    }

    @Test
    void oneWarningNamesAtMostTenSkippedEntriesAndCountsTheRest() {
        SkippedEntries.Scan scan = new SkippedEntries().scan();
        for (int i = 1; i <= 12; i++) {
            scan.add("symbolic link /t/" + i);
        }

        assertThat(scan.warning()).startsWith("skipping 12 entries of the tree: symbolic link /t/1; ")
                .endsWith("symbolic link /t/10; and 2 more");
    }

    @Test
    void aFileSwappedForASymbolicLinkAfterTheScanIsSkippedNotFollowed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "outside the root");

        List<String> sent = sent(() -> {
            Files.delete(file);
            Files.createSymbolicLink(file, secret);
        });

        assertThat(sent).containsExactly("tree/", "tree/b.txt=also served");
    }

    @Test
    void aFileSwappedForAFifoAfterTheScanIsSkippedWithoutBlocking() throws Exception {
        List<String> sent = sent(() -> {
            Files.delete(file);
            Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
            assertThat(mkfifo.waitFor()).isZero();
        });

        assertThat(sent).containsExactly("tree/", "tree/b.txt=also served");
    }

    @Test
    void aFileReplacedByAnotherAfterTheScanIsSkipped() throws Exception {
        List<String> sent = sent(() -> {
            Path other = Files.writeString(dir.resolve("other.txt"), "another file");
            Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        });

        assertThat(sent).containsExactly("tree/", "tree/b.txt=also served");
    }

    @Test
    void aFileThatGrewAfterTheScanIsSentAsItIsNow() throws Exception {
        List<String> sent = sent(() -> Files.writeString(file, " and more", StandardOpenOption.APPEND));

        assertThat(sent).containsExactly("tree/", "tree/a.txt=served and more", "tree/b.txt=also served");
    }

    @Test
    void aFifoIsRefusedByTheOpenerEvenWhenItIsTheFileTheScanSaw() throws Exception {
        Path fifo = tree.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        Object key = Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();

        try (RegularFileOpener opener = new RegularFileOpener(Duration.ofMillis(200))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> opener.begin(fifo, key).await())
                    .isInstanceOf(RegularFileOpener.RefusedException.class)
                    .hasMessage("it is not a regular file any more");
        }
    }

    /** Two opens blocked as on FIFOs take both opener threads; the opens begun after them still finish. */
    @Test
    void opensBegunBehindOpensThatBlockStillOpen() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        Path[] files = {tree.resolve("stuck-1"), tree.resolve("stuck-2"), tree.resolve("fine")};
        for (Path file : files) {
            Files.writeString(file, "x");
        }
        RegularFileOpener.Open blocking = path -> {
            if (path.getFileName().toString().startsWith("stuck")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
            return RegularFileOpener.Open.READ_NOFOLLOW.open(path);
        };
        try (RegularFileOpener opener = new RegularFileOpener(Duration.ofMillis(200), blocking)) {
            List<RegularFileOpener.Opening> openings = new java.util.ArrayList<>();
            for (Path file : files) {
                openings.add(opener.begin(file, Files.readAttributes(file,
                        java.nio.file.attribute.BasicFileAttributes.class).fileKey()));
            }
            for (int i = 0; i < 2; i++) {
                RegularFileOpener.Opening stuck = openings.get(i);
                org.assertj.core.api.Assertions.assertThatThrownBy(stuck::await)
                        .isInstanceOf(RegularFileOpener.RefusedException.class)
                        .hasMessageContaining("did not open within");
            }
            try (java.nio.channels.FileChannel channel = openings.get(2).await().channel()) {
                assertThat(channel.size()).isEqualTo(1);
            }
        } finally {
            never.countDown();
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Reads a whole small file item as text. */
    private record ByteBufferText(ContentItem.File file) {
        String read() throws Exception {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) file.size());
            file.readWhole(buffer);
            return java.nio.charset.StandardCharsets.UTF_8.decode(buffer).toString();
        }
    }

    /**
     * {@code --exclude} leaves entries out of the scan, and everything below an excluded directory;
     * a REQUEST's excludes leave more out of that session only, and a GET name that selects only
     * excluded entries is missing.
     */
    @Test
    void excludedEntriesAreNeitherScannedNorSentNorListed() throws Exception {
        Files.writeString(tree.resolve("c.tmp"), "scratch");
        Path build = Files.createDirectories(tree.resolve("build"));
        Files.writeString(build.resolve("out.o"), "object");
        try (LocalTree excluding = new LocalTree(List.of(tree), 1,
                List.of(dev.txrx.common.protocol.Glob.of("build")))) {
            assertThat(excluding.catalogue()).extracting(Frame.Entry::name)
                    .containsExactly("tree", "tree/a.txt", "tree/b.txt", "tree/c.tmp");
            assertThat(excluding.catalogue(List.of(dev.txrx.common.protocol.Glob.of("*.tmp"))))
                    .extracting(Frame.Entry::name).containsExactly("tree", "tree/a.txt", "tree/b.txt");
            List<String> missing = new ArrayList<>();
            try (SessionContent content = excluding.open(List.of("tree/build", "tree/c.tmp"),
                    List.of(dev.txrx.common.protocol.Glob.of("*.tmp")), missing, 0)) {
                assertThat(content.next(0)).isInstanceOf(ContentItem.End.class);
                assertThat(content.totals().files()).isZero();
            }
            assertThat(missing).containsExactly("tree/build", "tree/c.tmp");
        }
    }
}
