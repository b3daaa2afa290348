package dev.txrx.receiver.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.transport.LocalFailureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's door to the disk, step by step as a session goes: what is on disk, and what the
 * journal holds, after each step of an arriving file.
 */
@Timeout(30)
class StoreTest {

    private static final UUID SESSION = UUID.fromString("7f2c0000-0000-4000-8000-000000000002");
    private static final String SENDER = "127.0.0.1:47474";
    private static final long MTIME = 1_700_000_000_000L;
    /** Large enough for its partial state to go in the journal. */
    private static final int BIG = (int) ResumeState.JOURNALED_PARTIAL + 1000;

    @TempDir
    Path dir;

    private final DiskThreads threads = new DiskThreads();

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    private Path out() {
        return dir.resolve("out");
    }

    private Store store() {
        return Store.forSession(new StoreSettings(out(), false, OnExists.RENAME, true), SENDER, "FILES ", threads);
    }

    private static Frame.FileStart start(long id, String name, long size, long offset) {
        return new Frame.FileStart(id, size, offset, MTIME, 0644, name);
    }

    @Test
    void aFileIsHiddenWhileItArrivesAndUnderItsNameOnlyOnceItVerifiedAndIsCommitted() throws IOException {
        byte[] content = "hello".getBytes(UTF_8);
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(1, "a/hello.txt", content.length, 0));
            store.write(ByteBuffer.wrap(content));
            assertThat(out().resolve("a/hello.txt")).doesNotExist();
            assertThat(partFiles()).hasSize(1);

            store.verified(crc(content, content.length));
            store.commitVerified();

            assertThat(out().resolve("a/hello.txt")).hasContent("hello");
            assertThat(partFiles()).isEmpty();
            assertThat(store.verifiedFiles()).isEqualTo(1);
            assertThat(store.verified()).containsExactly(
                    new ResumeState.Verified(1, "a/hello.txt", content.length, crc(content, content.length), MTIME));
            store.finish();
        }
    }

    @Test
    void aFileCutOffStaysHeldWithTheChecksumOfItsBytesAndTheNextRunGoesOnFromThem() throws IOException {
        byte[] content = random(BIG);
        int cut = 1000;
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(7, "big.bin", BIG, 0));
            store.write(ByteBuffer.wrap(content, 0, cut));
            store.suspend();
            store.finish();
        }
        assertThat(partFiles()).as("kept for the next run").hasSize(1);

        try (Store again = store()) {
            assertThat(again.leftover()).isEqualTo(new Store.Leftover(0, "big.bin"));
            Held held = again.held();
            assertThat(held.session()).isEqualTo(SESSION);
            assertThat(held.partial().length()).isEqualTo(cut);
            assertThat(held.partial().checksum().value()).isEqualTo(crc(content, cut));

            again.resumed();
            again.resume(start(7, "big.bin", BIG, cut));
            again.write(ByteBuffer.wrap(content, cut, BIG - cut));
            held.partial().checksum().update(ByteBuffer.wrap(content, cut, BIG - cut));
            again.verified(held.partial().checksum().value());
            again.commitVerified();
            again.finish();

            assertThat(Files.readAllBytes(out().resolve("big.bin"))).isEqualTo(content);
            assertThat(held.partial().checksum().value()).as("held bytes and new ones: the whole file")
                    .isEqualTo(crc(content, BIG));
            assertThat(again.resentBytes()).isZero();
        }
    }

    /** A cut just before FILE_END: every byte held, none of them verified. */
    @Test
    void aFileWhollyHeldButNeverVerifiedIsOfferedLessItsLastByteSoItsFileEndAndChecksumStillCome()
            throws IOException {
        byte[] content = random(BIG);
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(7, "big.bin", BIG, 0));
            store.write(ByteBuffer.wrap(content));
            store.suspend();
            store.finish();
        }
        try (Store again = store()) {
            Held held = again.held();
            assertThat(held.partial().length()).as("never the whole size").isEqualTo(BIG - 1);
            assertThat(held.partial().checksum().value()).isEqualTo(crc(content, BIG - 1));

            again.resumed();
            again.resume(start(7, "big.bin", BIG, BIG - 1));
            again.write(ByteBuffer.wrap(content, BIG - 1, 1));
            held.partial().checksum().update(ByteBuffer.wrap(content, BIG - 1, 1));
            again.verified(held.partial().checksum().value());
            again.commitVerified();
            again.finish();
        }
        assertThat(Files.readAllBytes(out().resolve("big.bin"))).isEqualTo(content);
    }

    @Test
    void anEmptyPartialFileIsNotOfferedAndIsDeleted() throws IOException {
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(7, "big.bin", BIG, 0));
            store.suspend();
            store.finish();
        }
        try (Store again = store()) {
            Held held = again.held();
            assertThat(held.session()).isEqualTo(SESSION);
            assertThat(held.partial()).isNull();
        }
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void aHeldFileThatTheSenderStartsAgainIsDeletedAndItsBytesCountAsResent() throws IOException {
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(7, "big.bin", BIG, 0));
            store.write(ByteBuffer.wrap(new byte[500]));
            store.suspend();
            store.finish();

            assertThat(store.held().partial().length()).isEqualTo(500);
            store.begin(start(7, "big.bin", BIG, 0));

            assertThat(store.resentBytes()).isEqualTo(500);
            assertThat(partFiles()).as("only the new temporary file").hasSize(1);
            store.abandon();
            store.finish();
        }
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void aFileThatFailsItsChecksumIsDeletedAndCountsAsResentWholly() throws IOException {
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(1, "f.bin", 10, 0));
            store.write(ByteBuffer.wrap(new byte[10]));
            store.corrupt();
            store.finish();

            assertThat(store.resentBytes()).isEqualTo(10);
            assertThat(store.verifiedFiles()).isZero();
        }
        assertThat(out().resolve("f.bin")).doesNotExist();
        assertThat(partFiles()).isEmpty();
    }

    @Test
    void aFileNeitherFinishedNorSuspendedIsDeletedWhenTheConnectionFinishes() throws IOException {
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(1, "big.bin", BIG, 0));
            store.write(ByteBuffer.wrap(new byte[100]));
            store.finish();

            assertThat(partFiles()).isEmpty();
            assertThat(store.held().partial()).isNull();
        }
    }

    /**
     * A directory this session created on a connection that was killed (no finish gave it its time)
     * is the session's on the next connection: it gets the sender's time, not the one it has.
     */
    @Test
    void aDirectoryAnEarlierConnectionCreatedGetsTheSendersTimeWhenTheSessionResumes() throws IOException {
        try (Store first = store()) {
            first.startAfresh(SESSION);
            first.directory(new Frame.Directory(MTIME, 0755, "d"));
            // killed: no finish
        }
        java.nio.file.Files.setLastModifiedTime(out().resolve("d"), java.nio.file.attribute.FileTime.fromMillis(MTIME + 99_000));
        try (Store second = store()) {
            assertThat(second.held().session()).isEqualTo(SESSION);
            second.resumed();
            second.directory(new Frame.Directory(MTIME, 0755, "d"));
            second.finish();
        }
        assertThat(java.nio.file.Files.getLastModifiedTime(out().resolve("d")).toMillis()).isEqualTo(MTIME);
    }

    /** A directory that was there before the session keeps its own time. */
    @Test
    void aDirectoryThatWasThereBeforeTheSessionKeepsItsOwnTime() throws IOException {
        java.nio.file.Files.createDirectories(out().resolve("d"));
        java.nio.file.Files.setLastModifiedTime(out().resolve("d"), java.nio.file.attribute.FileTime.fromMillis(MTIME + 99_000));
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.directory(new Frame.Directory(MTIME, 0755, "d"));
            store.finish();
        }
        assertThat(java.nio.file.Files.getLastModifiedTime(out().resolve("d")).toMillis()).isEqualTo(MTIME + 99_000);
    }

    @Test
    void aSessionThatCompletedLeavesNothingToResume() throws IOException {
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(1, "f", 1, 0));
            store.write(ByteBuffer.wrap(new byte[1]));
            store.verified(crc(new byte[1], 1));
            store.commitVerified();
            store.finish();
            store.completed();
        }
        assertThat(out().resolve(ResumeState.DIRECTORY)).doesNotExist();
        try (Store again = store()) {
            assertThat(again.leftover()).isNull();
            assertThat(again.held()).isEqualTo(Held.NOTHING);
        }
    }

    /** A small partial file is never journaled; a kill -9 leaves it, and the completed session removes it. */
    @Test
    void aCompletedSessionLeavesNoHiddenFileBehind() throws IOException {
        try (Store killed = store()) {
            killed.startAfresh(SESSION);
            killed.begin(start(1, "small.bin", 100, 0));
            killed.write(ByteBuffer.wrap(new byte[50]));
            // killed here: nothing more happens to this store
        }
        try (Store again = store()) {
            again.held();
            again.resumed();
            again.begin(start(1, "small.bin", 100, 0));
            again.write(ByteBuffer.wrap(new byte[100]));
            again.verified(crc(new byte[100], 100));
            again.commitVerified();
            again.finish();
            again.completed();
        }
        try (Stream<Path> all = Files.walk(out())) {
            assertThat(all.map(p -> out().relativize(p).toString())).containsExactlyInAnyOrder("", "small.bin");
        }
    }

    /**
     * The uploads of a listening receiver share one output directory: one that completes sweeps
     * it for orphans, and must leave what the others are writing, committing or keeping to resume.
     */
    @Test
    void anUploadThatCompletesLeavesTheFilesOfUploadsStillGoingOn() throws IOException {
        StoreSettings settings = new StoreSettings(out(), false, OnExists.RENAME, true);
        byte[] first = "the first file of a long upload".getBytes(UTF_8);
        byte[] second = new byte[3000];
        new Random(5).nextBytes(second);
        try (Store cut = Store.forUpload(settings, null, null, threads)) {
            cut.startAfresh(UUID.randomUUID());
            cut.begin(start(1, "cut.bin", BIG, 0));
            cut.write(ByteBuffer.wrap(new byte[1000]));
            cut.suspend();
            cut.finish();
        }
        Path kept = partFiles().get(0);
        try (Store going = Store.forUpload(settings, null, null, threads)) {
            going.startAfresh(UUID.randomUUID());
            going.begin(start(1, "first.txt", first.length, 0));
            going.write(ByteBuffer.wrap(first));
            going.verified(crc(first, first.length)); // committed in the background, not yet waited for
            going.begin(start(2, "second.bin", second.length, 0));
            going.write(ByteBuffer.wrap(second, 0, 1000));

            try (Store quick = Store.forUpload(settings, null, null, threads)) {
                quick.startAfresh(UUID.randomUUID());
                quick.begin(start(1, "quick.txt", 5, 0));
                quick.write(ByteBuffer.wrap("quick".getBytes(UTF_8)));
                quick.verified(crc("quick".getBytes(UTF_8), 5));
                quick.commitVerified();
                quick.finish();
                quick.completed();
            }

            going.write(ByteBuffer.wrap(second, 1000, second.length - 1000));
            going.verified(crc(second, second.length));
            going.commitVerified();
            going.finish();
            going.completed();
        }
        assertThat(out().resolve("quick.txt")).hasContent("quick");
        assertThat(out().resolve("first.txt")).hasBinaryContent(first);
        assertThat(out().resolve("second.bin")).hasBinaryContent(second);
        assertThat(kept).as("the cut upload's partial file, which its journal names").exists();
    }

    @Test
    void aCutUploadKeepsItsPartialFileForItsNextRunAndAListenerStartingKeepsItToo() throws IOException {
        StoreSettings settings = new StoreSettings(out(), false, OnExists.RENAME, true);
        try (Store upload = Store.forUpload(settings, null, null, threads)) {
            upload.startAfresh(java.util.UUID.randomUUID());
            upload.begin(start(1, "big.bin", BIG, 0));
            upload.write(ByteBuffer.wrap(new byte[1000]));
            upload.suspend();
            upload.finish();
        }
        assertThat(partFiles()).hasSize(1);
        Store.removeOrphans(settings);
        assertThat(partFiles()).hasSize(1);
    }

    @Test
    void aListeningReceiverStartingRemovesTemporaryFilesNoJournalNames() throws IOException {
        try (Store store = store()) {
            store.startAfresh(SESSION);
            store.begin(start(7, "big.bin", BIG, 0));
            store.write(ByteBuffer.wrap(new byte[500]));
            store.suspend();
            store.finish();
        }
        Path held = partFiles().get(0);
        Path orphan = Files.writeString(out().resolve(".upload.bin.00112233445566ff.part"), "cut");
        Path lookalike = Files.writeString(out().resolve(".notes.part"), "mine");

        Store.removeOrphans(new StoreSettings(out(), false, OnExists.RENAME, true));

        assertThat(orphan).doesNotExist();
        assertThat(held).as("the journal's partial file").exists();
        assertThat(lookalike).as("not a name the store makes").exists();
    }

    @Test
    void aDiskThatFailsIsALocalFailureNamingTheFile() throws IOException {
        Files.writeString(out(), "not a directory");
        try (Store store = store()) {
            store.startAfresh(SESSION);
            assertThatThrownBy(() -> store.begin(start(1, "a.txt", 1, 0)))
                    .isInstanceOf(LocalFailureException.class)
                    .hasMessage("cannot store a.txt: output directory " + out() + " exists and is not a directory");
        }
    }

    /** The ERROR INTERNAL the sender reads names the entry and the reason, never where the receiver keeps it. */
    @Test
    void whatThePeerIsToldOfALocalFailureNamesNoLocalPath() throws IOException {
        Files.writeString(out(), "not a directory");
        try (Store store = store()) {
            store.startAfresh(SESSION);
            assertThatThrownBy(() -> store.begin(start(1, "a.txt", 1, 0)))
                    .isInstanceOfSatisfying(LocalFailureException.class, e -> assertThat(e.peerMessage())
                            .isEqualTo("cannot store a.txt: output directory <local path> exists and is not a directory")
                            .doesNotContain(dir.toString()));
        }
        assertThat(dev.txrx.common.text.Reasons.withoutPath(new java.nio.file.AccessDeniedException(dir + "/x")))
                .isEqualTo("permission denied");
        assertThat(dev.txrx.common.text.Reasons.withoutPath(new java.nio.file.FileSystemException(dir + "/x", null,
                "No space left on device"))).isEqualTo("No space left on device");
    }

    @Test
    void onExistsFailGivesThePolicysOwnMessage() throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve("taken.txt"), "mine");
        try (Store store = Store.forUpload(new StoreSettings(out(), false, OnExists.FAIL, true), null, null, threads)) {
            assertThatThrownBy(() -> store.begin(start(1, "taken.txt", 1, 0)))
                    .isInstanceOf(LocalFailureException.class)
                    .hasMessage("taken.txt already exists in the output directory (--on-exists fail)");
        }
    }

    @Test
    void aNameTheSenderMustNotUseIsItsProtocolError() {
        try (Store store = store()) {
            store.startAfresh(SESSION);
            assertThatThrownBy(() -> store.begin(start(1, ResumeState.DIRECTORY + "/state.jsonl", 1, 0)))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("reserved");
        }
    }

    @Test
    void discardVerifiesAndCountsAndKeepsNothingOnDisk() throws IOException {
        try (Store store = Store.forSession(new StoreSettings(out(), true, OnExists.RENAME, true), SENDER, "FILES ",
                threads)) {
            store.startAfresh(SESSION);
            store.directory(new Frame.Directory(MTIME, 0755, "tree"));
            store.begin(start(1, "tree/f", BIG, 0));
            store.write(ByteBuffer.wrap(new byte[BIG]));
            store.verified(crc(new byte[BIG], BIG));
            store.commitVerified();
            store.begin(start(2, "tree/g", BIG, 0));
            store.suspend();
            store.finish();

            assertThat(store.verifiedFiles()).isEqualTo(1);
            assertThat(store.held().partial()).as("nothing held to go on from").isNull();
        }
        assertThat(dir).isEmptyDirectory();
    }

    private List<Path> partFiles() throws IOException {
        if (!Files.exists(out())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static int crc(byte[] content, int length) {
        CRC32C crc = new CRC32C();
        crc.update(content, 0, length);
        return (int) crc.getValue();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        return bytes;
    }
}
