package dev.txrx.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.tls.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ResumeStateTest {

    private static final UUID SESSION = UUID.fromString("7f2c0000-0000-4000-8000-000000000001");

    @TempDir
    Path dir;

    /** After Ctrl-C the receiving thread is interrupted while the committer still records files. */
    @Test
    @Timeout(30)
    void anInterruptedThreadWritingTheJournalLosesNoLineOfItsOwnOrOfAnotherThread() throws Exception {
        ResumeState state = ResumeState.open(dir, "127.0.0.1:1", "FILES");
        state.startAfresh(SESSION);
        ResumeState.Verified first = new ResumeState.Verified(1, "a.txt", 3, 0x1234, 1_700_000_000_000L);
        ResumeState.Verified second = new ResumeState.Verified(2, "b.txt", 4, 0x5678, 1_700_000_000_000L);

        Thread.currentThread().interrupt();
        try {
            state.verified(first);
        } finally {
            assertThat(Thread.interrupted()).as("interrupt kept").isTrue();
        }
        CompletableFuture.runAsync(() -> state.verified(second)).get(20, TimeUnit.SECONDS);
        state.close();

        ResumeState again = ResumeState.open(dir, "127.0.0.1:1", "FILES");
        assertThat(again.session()).isEqualTo(SESSION);
        assertThat(again.verified()).containsExactly(first, second);
    }

    /** A batch's records go out in one write when it ends; another thread's line meanwhile goes out at once, in order. */
    @Test
    @Timeout(30)
    void recordsMadeTogetherAreWrittenWhenTheyEndAndAnotherThreadsLineKeepsTheOrder() throws Exception {
        ResumeState state = ResumeState.open(dir, "127.0.0.1:1", "FILES");
        state.startAfresh(SESSION);
        Path journal = dir.resolve(ResumeState.DIRECTORY).resolve(ResumeState.JOURNAL);
        long header = Files.readAllLines(journal).size();
        ResumeState.Verified first = new ResumeState.Verified(1, "a.txt", 3, 0x1234, 1_700_000_000_000L);
        ResumeState.Verified second = new ResumeState.Verified(2, "b.txt", 4, 0x5678, 1_700_000_000_000L);
        ResumeState.Verified third = new ResumeState.Verified(3, "c.txt", 5, 0x9abc, 1_700_000_000_000L);
        List<Long> linesSeen = new java.util.ArrayList<>();

        state.together(() -> {
            state.verified(first);
            linesSeen.add(lineCount(journal) - header);
            CompletableFuture.runAsync(() -> state.directoryCreated("sub")).join();
            linesSeen.add(lineCount(journal) - header);
            state.verified(second);
            state.verified(third);
            linesSeen.add(lineCount(journal) - header);
        });
        linesSeen.add(lineCount(journal) - header);
        state.close();

        assertThat(linesSeen).as("lines written: inside, after another thread's, at the end, after").containsExactly(0L, 2L, 2L, 4L);
        assertThat(Files.readAllLines(journal).get((int) header + 1)).contains("sub");
        assertThat(ResumeState.open(dir, "127.0.0.1:1", "FILES").verified()).containsExactly(first, second, third);
    }

    private static long lineCount(Path journal) {
        try {
            return Files.readAllLines(journal).size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTornLastLineCostsOnlyThatChangeAndIsCutOffSoTheNextAppendStartsCleanly() throws Exception {
        ResumeState state = ResumeState.open(dir, "127.0.0.1:1", "FILES");
        state.startAfresh(SESSION);
        List<ResumeState.Verified> three = List.of(
                new ResumeState.Verified(1, "a.txt", 3, 0x1234, 1_700_000_000_000L),
                new ResumeState.Verified(2, "b.txt", 4, 0x5678, 1_700_000_000_000L),
                new ResumeState.Verified(3, "c.txt", 5, 0x9abc, 1_700_000_000_000L));
        three.forEach(state::verified);
        state.close();
        Path journal = dir.resolve(ResumeState.DIRECTORY).resolve(ResumeState.JOURNAL);
        // killed in the middle of appending a fourth line
        Files.writeString(journal, "{\"verified\":{\"id\":4,\"na", StandardOpenOption.APPEND);

        ResumeState again = ResumeState.open(dir, "127.0.0.1:1", "FILES");
        assertThat(again.session()).isEqualTo(SESSION);
        assertThat(again.verified()).as("verified files kept: 3 of 3").isEqualTo(three);
        ResumeState.Verified fourth = new ResumeState.Verified(4, "d.txt", 6, 0xdef0, 1_700_000_000_000L);
        again.verified(fourth);
        again.close();

        assertThat(Files.readAllLines(journal)).hasSize(5).allMatch(line -> line.startsWith("{"));
        assertThat(ResumeState.open(dir, "127.0.0.1:1", "FILES").verified()).hasSize(4).endsWith(fourth);
    }

    @Test
    void aCompleteLineThatCannotBeReadCostsOnlyThatLine() throws Exception {
        ResumeState state = ResumeState.open(dir, "127.0.0.1:1", "FILES");
        state.startAfresh(SESSION);
        ResumeState.Verified first = new ResumeState.Verified(1, "a.txt", 3, 0x1234, 1_700_000_000_000L);
        ResumeState.Verified second = new ResumeState.Verified(2, "b.txt", 4, 0x5678, 1_700_000_000_000L);
        state.verified(first);
        state.close();
        Path journal = dir.resolve(ResumeState.DIRECTORY).resolve(ResumeState.JOURNAL);
        Files.writeString(journal, "\u0000\u0000garbage\n", StandardOpenOption.APPEND);
        ResumeState more = ResumeState.open(dir, "127.0.0.1:1", "FILES");
        more.verified(second);
        more.close();

        assertThat(ResumeState.open(dir, "127.0.0.1:1", "FILES").verified()).containsExactly(first, second);
    }

    /** An upload session's state belongs to the identity that started it: no other may resume it. */
    @Test
    void anUploadSessionBelongsToTheIdentityThatStartedIt() throws Exception {
        Fingerprint owner = Fingerprint.ofDer(new byte[] {1});
        Fingerprint other = Fingerprint.ofDer(new byte[] {2});
        ResumeState upload = ResumeState.forUpload(dir, null, owner);
        upload.startAfresh(SESSION);
        upload.verified(new ResumeState.Verified(1, "a.txt", 3, 0x1234, 1_700_000_000_000L));
        upload.close();

        assertThat(ResumeState.uploadBelongsTo(dir, SESSION, owner)).isTrue();
        assertThat(ResumeState.uploadBelongsTo(dir, SESSION, other)).isFalse();
        assertThat(ResumeState.uploadBelongsTo(dir, SESSION, null)).as("in clear").isFalse();
        assertThat(ResumeState.uploadBelongsTo(dir, UUID.randomUUID(), other)).as("a session not here").isTrue();
        assertThat(ResumeState.forUpload(dir, SESSION, owner).verified()).hasSize(1);
    }
}
