package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posix() {
        assumeThat(OwnerOnlyFiles.posix(dir)).as("a POSIX file system").isTrue();
    }

    @Test
    void writesWholeFilesReadableByTheOwnerOnly() throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.writeAtomically(file, "new".getBytes(StandardCharsets.US_ASCII));

        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aNewFileNeverReplacesOne() throws IOException {
        Path file = dir.resolve("token");
        OwnerOnlyFiles.writeNew(file, new byte[] {1});

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> OwnerOnlyFiles.writeNew(file, new byte[] {2}))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(file + ": it exists already");
        assertThat(Files.readAllBytes(file)).containsExactly(1);
    }

    @Test
    void directoriesAreOwnerOnly() throws IOException {
        Path nested = dir.resolve("a").resolve("b");
        OwnerOnlyFiles.createDirectories(nested);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a")))).isEqualTo("rwx------");
    }

    @Test
    void modesAreShownInOctal() {
        assertThat(OwnerOnlyFiles.octal(PosixFilePermissions.fromString("rw-------"))).isEqualTo("0600");
        assertThat(OwnerOnlyFiles.octal(PosixFilePermissions.fromString("rwxr-x--x"))).isEqualTo("0751");
        assertThat(OwnerOnlyFiles.octal(PosixFilePermissions.fromString("---------"))).isEqualTo("0000");
    }

    @Test
    void theLockIsHeldAgainAfterItWasReleased() throws IOException {
        Path lock = dir.resolve(".lock");

        String first = OwnerOnlyFiles.locked(lock, channel -> "first");
        String second = OwnerOnlyFiles.locked(lock, channel -> "second");

        assertThat(first + second).isEqualTo("firstsecond");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock))).isEqualTo("rw-------");
    }
}
