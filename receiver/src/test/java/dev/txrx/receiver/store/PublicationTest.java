package dev.txrx.receiver.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A kill at each step of a file's publication: the output directory is copied as the step is
 * reached (what a {@code kill -9} there would leave, the journal's appended lines included),
 * and a new run on the copy must end with every file exactly once: never a duplicate, never a loss.
 */
@Timeout(60)
class PublicationTest {

    private static final UUID SESSION = UUID.fromString("7f2c0000-0000-4000-8000-000000000009");
    private static final String SENDER = "127.0.0.1:47474";
    private static final String REQUEST = "FILES ";
    private static final long MTIME = 1_700_000_000_000L;
    /** The files of the session: id, name, content. The kill comes during file 2. */
    private static final Map<Long, String> NAMES = Map.of(1L, "a.txt", 2L, "sub/b.txt", 3L, "c.txt");
    private static final long KILLED_DURING = 2;

    @TempDir
    Path dir;

    private final DiskThreads threads = new DiskThreads();

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @ParameterizedTest
    @EnumSource(Publication.Step.class)
    void aKillAtAnyStepOfPublishingLeadsToNeitherADuplicateNorALoss(Publication.Step step) throws Exception {
        Path killed = dir.resolve("killed");
        runSession(dir.resolve("out"), (reached, file) -> {
            if (reached == step && file.id() == KILLED_DURING && !Files.exists(killed)) {
                copy(dir.resolve("out"), killed);
            }
        });
        assertThat(killed).as("the copy at " + step).isDirectory();

        resumeAndComplete(killed);

        assertEveryFileOnce(killed);
    }

    /** Between the link(2) that gives the final name and the unlink(2) of the temporary one. */
    @Test
    void aKillBetweenTheLinkAndTheUnlinkOfTheTemporaryNameLeadsToNeitherADuplicateNorALoss() throws Exception {
        Path killed = dir.resolve("killed");
        runSession(dir.resolve("out"), (reached, file) -> {
            if (reached == Publication.Step.PUBLISHING_JOURNALED && file.id() == KILLED_DURING
                    && !Files.exists(killed)) {
                copy(dir.resolve("out"), killed);
                Path temp = partFiles(killed).stream()
                        .filter(p -> p.getFileName().toString().startsWith(".b.txt.")).findFirst().orElseThrow();
                try {
                    Files.createLink(killed.resolve(NAMES.get(KILLED_DURING)), temp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });

        resumeAndComplete(killed);

        assertEveryFileOnce(killed);
    }

    private void runSession(Path out, Publication.Checkpoint checkpoint) throws IOException {
        try (Store store = Store.forSession(settings(out), SENDER, REQUEST, threads, checkpoint)) {
            store.startAfresh(SESSION);
            for (long id = 1; id <= NAMES.size(); id++) {
                arrive(store, id);
            }
            store.commitVerified();
            store.finish();
        }
    }

    /** The next run: whatever the journal does not count as verified arrives again. */
    private void resumeAndComplete(Path out) throws IOException {
        try (Store store = Store.forSession(settings(out), SENDER, REQUEST, threads)) {
            Held held = store.held();
            assertThat(held.session()).isEqualTo(SESSION);
            store.resumed();
            List<Long> verified = held.verified().stream().map(ResumeState.Verified::id).toList();
            for (long id = 1; id <= NAMES.size(); id++) {
                if (!verified.contains(id)) {
                    arrive(store, id);
                }
            }
            store.commitVerified();
            store.finish();
            assertThat(store.verified()).extracting(ResumeState.Verified::id).containsExactlyInAnyOrder(1L, 2L, 3L);
            store.completed();
        }
    }

    private static void arrive(Store store, long id) throws IOException {
        byte[] content = content(id);
        store.begin(new Frame.FileStart(id, content.length, 0, MTIME, 0644, NAMES.get(id)));
        store.write(ByteBuffer.wrap(content));
        CRC32C crc = new CRC32C();
        crc.update(content);
        store.verified((int) crc.getValue());
    }

    private static void assertEveryFileOnce(Path out) throws IOException {
        for (Map.Entry<Long, String> file : NAMES.entrySet()) {
            assertThat(out.resolve(file.getValue())).hasBinaryContent(content(file.getKey()));
        }
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()))
                    .as("no duplicate such as 'a (1).txt'").containsExactlyInAnyOrderElementsOf(NAMES.values());
        }
    }

    private static StoreSettings settings(Path out) {
        return new StoreSettings(out, false, OnExists.RENAME, true);
    }

    private static byte[] content(long id) {
        return ("content of file " + id).getBytes(UTF_8);
    }

    private static List<Path> partFiles(Path out) {
        try (Stream<Path> all = Files.walk(out)) {
            return new ArrayList<>(all.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code from} as it is now, hard links kept as links ({@code cp -a}). */
    private static void copy(Path from, Path to) {
        try {
            Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
            assertThat(cp.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(cp.exitValue()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
