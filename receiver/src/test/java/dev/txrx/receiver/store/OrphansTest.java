package dev.txrx.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphansTest {

    @TempDir
    Path root;

    @Test
    void removingALeftoverKeepsTheTimeTheSenderGaveItsDirectory() throws Exception {
        Path dir = Files.createDirectories(root.resolve("tree/big"));
        Files.write(dir.resolve(".big0.bin.0123456789abcdef.part"), new byte[10]);
        Files.write(dir.resolve("kept.bin"), new byte[3]);
        FileTime sendersTime = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(dir, sendersTime);

        assertThat(Orphans.remove(root, Set.of())).isEqualTo(1);

        assertThat(dir.resolve(".big0.bin.0123456789abcdef.part")).doesNotExist();
        assertThat(dir.resolve("kept.bin")).exists();
        assertThat(Files.getLastModifiedTime(dir)).isEqualTo(sendersTime);
    }

    @Test
    void aTemporaryFileAJournalNamesStays() throws Exception {
        Files.write(root.resolve(".a.bin.00ff.part"), new byte[1]);
        assertThat(Orphans.remove(root, Set.of(".a.bin.00ff.part"))).isZero();
        assertThat(root.resolve(".a.bin.00ff.part")).exists();
    }
}
