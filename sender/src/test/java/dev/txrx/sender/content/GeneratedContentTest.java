package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class GeneratedContentTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratorFailureWhileTheQueueIsFullStillEndsTheSession() throws Exception {
        // file_2.bits cannot take its final name (a directory with something in it has it), so
        // the generator fails right after it queued file 2: with file 1 it fills the queue.
        Files.createDirectories(dir.resolve("file_2.bits"));
        Files.writeString(dir.resolve("file_2.bits").resolve("in-the-way"), "x");
        ContentSource source = GeneratedContent.saving(
                new GeneratorSettings(5, 10, 10, Duration.ZERO, Duration.ZERO), dir);

        try (SessionContent content = source.open(List.of(), List.of(), 1)) {
            // Nothing is taken from the queue until the generating thread has ended, after its failure.
            while (generatorRuns()) {
                Thread.sleep(10);
            }
            Throwable failure = null;
            while (failure == null) {
                failure = catchThrowable(() -> drain(content));
            }
            assertThat(failure).isInstanceOf(SourceFailedException.class)
                    .hasMessageStartingWith("cannot generate files: ").hasMessageContaining(dir.toString());
            assertThat(((SourceFailedException) failure).peerMessage()).as("the receiver is told no local path")
                    .isEqualTo("cannot generate files: Is a directory");
        }
    }

    private static boolean generatorRuns() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("generator"));
    }

    /** Takes what is ready, closing each file; returns when nothing is ready. */
    private static void drain(SessionContent content) throws Exception {
        ContentItem item;
        while ((item = content.next(100)) != null) {
            assertThat(item).isNotInstanceOf(ContentItem.End.class);
            if (item instanceof ContentItem.AnyFile file) {
                file.close();
            }
        }
    }
}
