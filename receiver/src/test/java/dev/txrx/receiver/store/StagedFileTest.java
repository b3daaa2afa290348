package dev.txrx.receiver.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFileTest {

    @TempDir
    Path dir;

    private final ExecutorService flushers = Executors.newCachedThreadPool();

    @AfterEach
    void stopFlushers() {
        flushers.shutdownNow();
    }

    @Test
    void overwriteReplacesAnExistingFileAndSetsItsTime() throws IOException {
        Path target = dir.resolve("a/b/file.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");

        StagedFile file = StagedFile.open(target, "a/b/file.txt", 1_700_000_000_000L, 0, OnExists.OVERWRITE,
                new NewFileModes());
        file.write(ByteBuffer.wrap("new".getBytes(UTF_8)));
        file.commit();

        assertThat(file.storedAt()).isEqualTo(target);
        assertThat(target).hasContent("new");
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(FileTime.fromMillis(1_700_000_000_000L));
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void abandonAfterACommitLeavesTheStoredFile() throws IOException {
        Path target = dir.resolve("file.txt");
        StagedFile file = StagedFile.open(target, "file.txt", 0, 0, OnExists.RENAME, new NewFileModes());
        file.write(ByteBuffer.wrap("data".getBytes(UTF_8)));
        file.commit();

        file.abandon();

        assertThat(target).hasContent("data");
        assertThat(file.temp()).doesNotExist();
    }

    /** A durable file flushes early as it grows; what is stored is still exactly what was written. */
    @Test
    void earlyFlushesWhileWritingKeepTheContentWhole() throws IOException {
        Path target = dir.resolve("big.bin");
        StagedFile file = StagedFile.open(target, "big.bin", 1_700_000_000_000L, 0640, OnExists.RENAME,
                new NewFileModes()).flushingEarlyOn(flushers).earlyFlushEvery(8192);
        byte[] expected = new byte[100_000];
        new java.util.Random(7).nextBytes(expected);
        for (int at = 0; at < expected.length; at += 3000) {
            file.write(ByteBuffer.wrap(expected, at, Math.min(3000, expected.length - at)));
        }
        file.commit();

        assertThat(file.earlyFlushes()).isGreaterThan(0);
        assertThat(Files.readAllBytes(target)).isEqualTo(expected);
        assertThat(Files.getLastModifiedTime(target).toMillis()).isEqualTo(1_700_000_000_000L);
    }

    /** With --no-fsync nothing is flushed early either. */
    @Test
    void noEarlyFlushWithoutFsync() throws IOException {
        StagedFile file = StagedFile.open(dir.resolve("f"), "f", 0, 0, OnExists.RENAME, new NewFileModes())
                .durable(false).flushingEarlyOn(flushers).earlyFlushEvery(1);
        file.write(ByteBuffer.wrap(new byte[10]));
        file.commit();
        assertThat(file.earlyFlushes()).isZero();
    }
}
