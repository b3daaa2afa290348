package dev.txrx.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewFileModesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheUmaskLineOfAProcessStatusFile() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nUmask:\t0027\nState:\tR (running)\n");

        assertThat(NewFileModes.readUmask(status)).isEqualTo(027);
    }

    @Test
    void anUmaskThatCannotBeReadIsUnknown() throws IOException {
        Path withoutLine = Files.writeString(dir.resolve("status"), "Name:\tjava\n");
        Path garbled = Files.writeString(dir.resolve("garbled"), "Umask:\tnine\n");

        assertThat(NewFileModes.readUmask(withoutLine)).isEqualTo(-1);
        assertThat(NewFileModes.readUmask(garbled)).isEqualTo(-1);
        assertThat(NewFileModes.readUmask(dir.resolve("missing"))).isEqualTo(-1);
    }

    @Test
    void theSendersModeIsAppliedThroughTheUmaskAsTarDoes() {
        NewFileModes modes = new NewFileModes(027);

        assertThat(modes.applied(0777, false)).isEqualTo(0750);
        assertThat(modes.applied(0666, false)).isEqualTo(0640);
        assertThat(modes.applied(0640, true)).isEqualTo(0640);
        assertThat(modes.applied(04755, false)).as("never setuid").isEqualTo(0750);
        assertThat(new NewFileModes(0).applied(0777, true)).isEqualTo(0777);
    }

    @Test
    void aModeWithoutPermissionBitsGetsTheDefaultAndNoModeStaysNone() {
        NewFileModes modes = new NewFileModes(022);

        assertThat(modes.applied(04000, false)).isEqualTo(0644);
        assertThat(modes.applied(02000, true)).isEqualTo(0755);
        assertThat(modes.applied(01000, true)).isEqualTo(0755);
        assertThat(modes.applied(0, false)).as("no mode: nothing to apply").isZero();
    }

    @Test
    void anUnknownUmaskIsTakenAsTheUsualOne() {
        assertThat(new NewFileModes(-1).applied(0777, false)).isEqualTo(0755);
    }

    @Test
    void aTemporaryFileIsReadableAndWritableByItsOwnerAndWritableByNobodyElse() {
        assertThat(NewFileModes.creationMode(0644)).isEqualTo(0644);
        assertThat(NewFileModes.creationMode(0755)).isEqualTo(0755);
        assertThat(NewFileModes.creationMode(0440)).isEqualTo(0640);
        assertThat(NewFileModes.creationMode(0666)).isEqualTo(0644);
        assertThat(NewFileModes.creationMode(07777)).isEqualTo(0755);
    }

    @Test
    void needsNoChmodWhereTheUmaskLeavesTheModeWholeAndTheFileHasIt() throws IOException {
        NewFileModes modes = new NewFileModes(022);

        assertThat(modes.needsChmod(fileWithMode("a", "rw-r--r--"), 0644)).isFalse();
        assertThat(modes.needsChmod(fileWithMode("b", "rwxr-xr-x"), 0755)).isFalse();
    }

    @Test
    void needsAChmodWhenTheUmaskOrTheTemporaryModeTookBitsAway() throws IOException {
        NewFileModes modes = new NewFileModes(027);

        assertThat(modes.needsChmod(fileWithMode("a", "rw-r-----"), 0644)).as("umask took r for others").isTrue();
        assertThat(modes.needsChmod(fileWithMode("b", "rw-r-----"), 0440)).as("owner kept w while arriving").isTrue();
        assertThat(new NewFileModes(022).needsChmod(fileWithMode("c", "rw-r--r--"), 0666))
                .as("nobody else writes a file before it verified").isTrue();
    }

    @Test
    void anUnknownUmaskAlwaysNeedsAChmod() throws IOException {
        assertThat(new NewFileModes(-1).needsChmod(fileWithMode("a", "rw-r--r--"), 0644)).isTrue();
    }

    /** As in a directory with a default ACL, which decides instead of the umask. */
    @Test
    void aFileThatDidNotGetThePredictedModeMakesEveryFileOfThatModeThereGetAChmod() throws IOException {
        NewFileModes modes = new NewFileModes(022);

        assertThat(modes.needsChmod(fileWithMode("first", "rw-r-----"), 0644)).isTrue();
        assertThat(modes.needsChmod(fileWithMode("second", "rw-r--r--"), 0644)).isTrue();
        assertThat(modes.needsChmod(fileWithMode("other-mode", "rwxr-xr-x"), 0755)).isFalse();
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        assertThat(modes.needsChmod(fileWithMode(elsewhere.resolve("first"), "rw-r--r--"), 0644)).isFalse();
    }

    @Test
    void checksTheFirstFileOfEachModeInADirectoryOnly() throws IOException {
        NewFileModes modes = new NewFileModes(022);
        assertThat(modes.needsChmod(fileWithMode("first", "rw-r--r--"), 0644)).isFalse();

        // not looked at: the directory gave the first file of this mode what the umask predicts
        assertThat(modes.needsChmod(dir.resolve("never-created"), 0644)).isFalse();
    }

    private Path fileWithMode(String name, String permissions) throws IOException {
        return fileWithMode(dir.resolve(name), permissions);
    }

    /** A file with exactly these permissions, whatever the umask of the test. */
    private static Path fileWithMode(Path file, String permissions) throws IOException {
        Files.createFile(file);
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }
}
