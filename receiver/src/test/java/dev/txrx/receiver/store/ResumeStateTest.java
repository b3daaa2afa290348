package dev.txrx.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
