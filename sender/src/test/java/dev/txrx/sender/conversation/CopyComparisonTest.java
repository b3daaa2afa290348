package dev.txrx.sender.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.sender.content.ContentItem;
import dev.txrx.sender.content.LocalTree;
import dev.txrx.sender.content.SessionContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender's side of comparing copies (version 3): which receiver's COPY is the same as a file,
 * so that UP_TO_DATE goes in its place, and the RESUME that carries the COPY frames.
 */
class CopyComparisonTest {

    private static final String PEER = "127.0.0.1:9";
    private static final int SIZE = 10_000;

    @TempDir
    Path dir;

    private final SessionRegistry registry = new SessionRegistry();
    private final byte[] content = new byte[SIZE];
    private long mtime;
    private int crc32c;
    private LocalTree tree;
    private SessionContent items;
    private ContentItem.AnyFile file;

    @BeforeEach
    void oneFile() throws Exception {
        new Random(3).nextBytes(content);
        Path path = Files.write(dir.resolve("a.bin"), content);
        mtime = Files.getLastModifiedTime(path).toMillis();
        CRC32C crc = new CRC32C();
        crc.update(content);
        crc32c = (int) crc.getValue();
        tree = new LocalTree(List.of(path), 1);
        items = tree.open(List.of(), new ArrayList<>(), 0);
        file = (ContentItem.AnyFile) items.next(0);
    }

    @AfterEach
    void close() throws Exception {
        file.close();
        items.close();
        tree.close();
    }

    private ResumeDecision.Start startWith(Frame.Copy copy, boolean reproducible) throws Exception {
        ResumeRequest request = new ResumeRequest(null, Map.of(), Map.of(copy.name(), copy), false);
        return ResumeDecision.decide(request, registry, reproducible, null, PEER, null).startOf(file);
    }

    @Test
    void aCopyOfTheSameSizeAndTimeIsUpToDateWithoutReadingIt() throws Exception {
        Frame.Copy copy = new Frame.Copy(SIZE, mtime, false, 0, "a.bin");

        assertThat(startWith(copy, true)).isEqualTo(ResumeDecision.Start.upToDate(copy));
        assertThat(startWith(new Frame.Copy(SIZE, mtime + 1, false, 0, "a.bin"), true).upToDate()).isFalse();
        assertThat(startWith(new Frame.Copy(SIZE - 1, mtime, false, 0, "a.bin"), true).upToDate()).isFalse();
    }

    @Test
    void aTimeOfZeroIsUnknownAndNeverTheSame() throws Exception {
        close();
        Path path = Files.setLastModifiedTime(dir.resolve("a.bin"), java.nio.file.attribute.FileTime.fromMillis(0));
        tree = new LocalTree(List.of(path), 1);
        items = tree.open(List.of(), new ArrayList<>(), 0);
        file = (ContentItem.AnyFile) items.next(0);

        assertThat(file.mtimeMillis()).isZero();
        assertThat(startWith(new Frame.Copy(SIZE, 0, false, 0, "a.bin"), true)).isEqualTo(ResumeDecision.Start.at(0));
    }

    @Test
    void byContentTheCrcDecidesAndTheTimeDoesNotMatter() throws Exception {
        Frame.Copy same = new Frame.Copy(SIZE, 12345, true, crc32c, "a.bin");

        assertThat(startWith(same, true)).isEqualTo(ResumeDecision.Start.upToDate(same));
        assertThat(startWith(new Frame.Copy(SIZE, mtime, true, crc32c + 1, "a.bin"), true).upToDate()).isFalse();
    }

    @Test
    void generatedContentIsNeverTheSameAsACopy() throws Exception {
        assertThat(startWith(new Frame.Copy(SIZE, mtime, false, 0, "a.bin"), false).upToDate()).isFalse();
        assertThat(startWith(new Frame.Copy(SIZE, mtime, true, crc32c, "a.bin"), false).upToDate()).isFalse();
    }

    @Test
    void aCopyOfAnotherNameIsNotCompared() throws Exception {
        assertThat(startWith(new Frame.Copy(SIZE, mtime, false, 0, "b.bin"), true)).isEqualTo(ResumeDecision.Start.at(0));
    }

    @Test
    void aHaveOfTheSessionComesBeforeTheCopyOfTheName() throws Exception {
        UUID earlier = ResumeDecision.decide(ResumeRequest.NONE, registry, true, null, PEER, null).sessionId();
        Frame.Have have = new Frame.Have(1, SIZE, mtime, SIZE, crc32c, "a.bin");
        Frame.Copy copy = new Frame.Copy(SIZE, mtime, false, 0, "a.bin");
        ResumeDecision decision = ResumeDecision.decide(new ResumeRequest(earlier, Map.of("a.bin", have),
                Map.of("a.bin", copy), false), registry, true, null, PEER, null);

        assertThat(decision.startOf(file)).isEqualTo(ResumeDecision.Start.skipped(crc32c));
        assertThat(decision.compared(1, SIZE).upToDate()).isZero();
    }

    @Test
    void theComparisonCountsWhatWasUpToDateAndWhatWasSent() throws Exception {
        ResumeRequest request = new ResumeRequest(null, Map.of(), Map.of("a.bin", new Frame.Copy(SIZE, mtime, false, 0,
                "a.bin"), "gone.txt", new Frame.Copy(3, mtime, false, 0, "gone.txt")), false);
        ResumeDecision decision = ResumeDecision.decide(request, registry, true, null, PEER, null);
        decision.startOf(file);

        assertThat(decision.compared(3, SIZE + 200).line())
                .isEqualTo("compared 2 copies: 1 file up to date, 2 sent (200 bytes)");
    }

    @Test
    void aDryRunStartsASessionThatIsNotRememberedWhateverItNames() throws Exception {
        UUID named = ResumeDecision.decide(ResumeRequest.NONE, registry, true, null, PEER, null).sessionId();
        ResumeRequest dry = read(new Frame.Resume(named, 0, 0, Frame.Resume.DRY_RUN));
        ResumeDecision decision = ResumeDecision.decide(dry, registry, true, null, PEER, null);

        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.session()).isNull();
        assertThat(decision.resumed()).isFalse();
        assertThat(registry.find(decision.sessionId())).isNull();
    }

    @Test
    void copyFramesFollowTheHaveFramesAsResumeAnnounces() throws Exception {
        Frame.Copy copy = new Frame.Copy(5, 77, true, 0x1234, "dir/a.txt");
        ResumeRequest request = read(new Frame.Resume(UUID.randomUUID(), 1, 1, 0),
                new Frame.Have(1, 5, 77, 5, 9, "dir/b.txt"), copy);

        assertThat(request.haves()).containsOnlyKeys("dir/b.txt");
        assertThat(request.copies()).containsExactly(Map.entry("dir/a.txt", copy));
    }

    @Test
    void aHaveInThePlaceOfACopyBreaksTheProtocol() {
        assertThatThrownBy(() -> read(new Frame.Resume(UUID.randomUUID(), 0, 1, 0),
                new Frame.Have(1, 5, 77, 5, 9, "dir/b.txt")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("COPY 1 of the 1 that RESUME announced");
    }

    @Test
    void haveAndCopyFramesTogetherAreBoundedByTheLimit() {
        assertThatThrownBy(() -> read(new Frame.Resume(UUID.randomUUID(), ResumeRequest.MAX_HAVES, 1, 0)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("RESUME announces 1000000 HAVE frames and 1 COPY frames, more than 1000000");
    }

    @Test
    void copyFramesAreChargedToTheHaveBudget() throws Exception {
        Frame.Copy copy = new Frame.Copy(5, 77, false, 0, "a");
        HaveBudget budget = new HaveBudget(HaveBudget.costOf(copy), Long.MAX_VALUE);
        try (HaveBudget.Account account = budget.open()) {
            account.charge(copy);
            assertThat(budget.held()).isEqualTo(HaveBudget.costOf(copy));
            assertThatThrownBy(() -> account.charge(copy)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("HAVE and COPY frames take more memory").hasMessageEndingWith("(refused at COPY 2)");
        }
    }

    private static ResumeRequest read(Frame... frames) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Channels.newChannel(bytes));
        for (Frame frame : frames) {
            writer.write(frame);
        }
        writer.flush();
        try (HaveBudget.Account account = new HaveBudget(Long.MAX_VALUE, Long.MAX_VALUE).open()) {
            return ResumeRequest.read(new FrameReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray()))),
                    RequestKind.FILES, account);
        }
    }
}
