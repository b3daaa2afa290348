package dev.txrx.sender.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import dev.txrx.sender.content.ContentItem;
import dev.txrx.sender.content.LocalTree;
import dev.txrx.sender.content.SessionContent;
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

class ResumeDecisionTest {

    private static final String PEER = "127.0.0.1:9";
    private static final int SIZE = 10_000;

    @TempDir
    Path dir;

    private final SessionRegistry registry = new SessionRegistry();
    private final byte[] content = new byte[SIZE];
    private long mtime;
    private LocalTree tree;
    private SessionContent items;
    private ContentItem.AnyFile file;

    @BeforeEach
    void oneFile() throws Exception {
        new Random(3).nextBytes(content);
        Path path = Files.write(dir.resolve("a.bin"), content);
        mtime = Files.getLastModifiedTime(path).toMillis();
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

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private Frame.Have have(long held, int crc32c) {
        return new Frame.Have(1, SIZE, mtime, held, crc32c, "a.bin");
    }

    /** The decision for a receiver that continues a session this sender started, holding {@code have}. */
    private ResumeDecision resuming(Frame.Have have, boolean reproducible) throws Exception {
        UUID earlier = ResumeDecision.decide(ResumeRequest.NONE, registry, reproducible, null, PEER, null).sessionId();
        return ResumeDecision.decide(new ResumeRequest(earlier, Map.of("a.bin", have)), registry, reproducible, null,
                PEER, null);
    }

    @Test
    void aReceiverThatAsksForNoSessionStartsANewOneFromTheStartOfEachFile() throws Exception {
        ResumeDecision decision = ResumeDecision.decide(ResumeRequest.NONE, registry, true, 5L, PEER, null);

        assertThat(decision.resumed()).isFalse();
        assertThat(decision.note()).isEmpty();
        assertThat(decision.seed()).isEqualTo(5);
        assertThat(registry.find(decision.sessionId())).isNotNull();
        assertThat(decision.startOf(file)).isEqualTo(ResumeDecision.Start.at(0));
        assertThat(decision.summary()).isNull();
    }

    @Test
    void aSessionThisSenderStartedIsResumedWithItsSeedAndCountsTheConnection() throws Exception {
        ResumeDecision first = ResumeDecision.decide(ResumeRequest.NONE, registry, false, null, PEER, null);
        ResumeDecision second = ResumeDecision.decide(new ResumeRequest(first.sessionId(), Map.of()), registry, false,
                null, PEER, null);

        assertThat(second.resumed()).isTrue();
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(second.seed()).isEqualTo(first.seed());
        assertThat(second.summary()).startsWith("resumed session " + first.sessionId() + " (connection 2): ");
    }

    @Test
    void anUnknownSessionIsAdoptedWhenTheContentIsTheSameEachTime() throws Exception {
        UUID unknown = UUID.randomUUID();
        ResumeDecision tree = ResumeDecision.decide(new ResumeRequest(unknown, Map.of()), registry, true, null, PEER, null);
        assertThat(tree.resumed()).isTrue();
        assertThat(tree.sessionId()).isEqualTo(unknown);

        UUID other = UUID.randomUUID();
        ResumeDecision seeded = ResumeDecision.decide(new ResumeRequest(other, Map.of()), registry, false, 9L, PEER, null);
        assertThat(seeded.resumed()).isTrue();
        assertThat(seeded.seed()).isEqualTo(9);
    }

    @Test
    void anUnknownSessionOfContentThatDiffersEachTimeStartsAgainAndSaysWhy() throws Exception {
        UUID unknown = UUID.randomUUID();
        ResumeDecision decision = ResumeDecision.decide(new ResumeRequest(unknown, Map.of("a.bin", have(SIZE, 0))),
                registry, false, null, PEER, null);

        assertThat(decision.resumed()).isFalse();
        assertThat(decision.sessionId()).isNotEqualTo(unknown);
        assertThat(decision.note()).contains("does not know session " + unknown).endsWith("starting again");
        assertThat(decision.startOf(file)).as("what it holds of another session counts for nothing")
                .isEqualTo(ResumeDecision.Start.at(0));
    }

    @Test
    void aFileTheReceiverHoldsWholeIsSkippedWithItsCrc() throws Exception {
        int crc = crc(content, SIZE);
        ResumeDecision decision = resuming(have(SIZE, crc), true);

        assertThat(decision.startOf(file)).isEqualTo(ResumeDecision.Start.skipped(crc));
        assertThat(decision.summary()).endsWith("1 file was already there, 0 continued, 0 bytes sent again");
    }

    @Test
    void aGeneratedFileIsSkippedOnlyWhenItsContentIsTheSame() throws Exception {
        assertThat(resuming(have(SIZE, crc(content, SIZE)), false).startOf(file).skip()).isTrue();
        assertThat(resuming(have(SIZE, crc(content, SIZE) + 1), false).startOf(file))
                .isEqualTo(ResumeDecision.Start.at(0));
    }

    @Test
    void aFileTheReceiverHoldsPartOfContinuesAfterItsBytesWhenTheyMatch() throws Exception {
        ResumeDecision decision = resuming(have(4000, crc(content, 4000)), true);

        assertThat(decision.startOf(file)).isEqualTo(ResumeDecision.Start.at(4000));
        assertThat(decision.summary()).endsWith("0 files were already there, 1 continued, 0 bytes sent again");
    }

    @Test
    void aFileWhoseHeldBytesDifferIsSentAgainFromTheStart() throws Exception {
        ResumeDecision decision = resuming(have(4000, crc(content, 4000) ^ 1), true);

        assertThat(decision.startOf(file)).isEqualTo(ResumeDecision.Start.at(0));
        assertThat(decision.summary()).endsWith("0 files were already there, 0 continued, 4000 bytes sent again");
    }

    @Test
    void aRealFileThatChangedSinceIsSentAgainFromTheStart() throws Exception {
        Frame.Have older = new Frame.Have(1, SIZE, mtime - 1000, 4000, crc(content, 4000), "a.bin");

        assertThat(resuming(older, true).startOf(file)).isEqualTo(ResumeDecision.Start.at(0));
    }
}
