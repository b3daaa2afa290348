package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizedKeysTest {

    @TempDir
    Path dir;

    private final Fingerprint alice = Fingerprint.of(Certificates.fresh());
    private final Fingerprint bob = Fingerprint.of(Certificates.fresh());
    private final Fingerprint carol = Fingerprint.of(Certificates.fresh());
    private final Fingerprint dave = Fingerprint.of(Certificates.fresh());

    @Test
    void readsOneFingerprintALineInAnyFormWithComments() throws IOException {
        Path file = dir.resolve("authorized");
        Files.writeString(file, "# who may upload\n\n"
                + alice.hex() + "\n"
                + "  " + bob + "   bob's laptop\n"
                + spaced(carol) + " carol, desk\n"
                + "sha256 Fingerprint=" + colons(dave) + "\tdave (from openssl)\n"
                + alice + " alice again\n");

        AuthorizedKeys keys = AuthorizedKeys.read(file);

        assertThat(keys.size()).isEqualTo(4);
        assertThat(keys.contains(alice)).isTrue();
        assertThat(keys.contains(bob)).isTrue();
        assertThat(keys.contains(carol)).isTrue();
        assertThat(keys.contains(dave)).isTrue();
        assertThat(keys.contains(Fingerprint.of(Certificates.fresh()))).isFalse();
        assertThat(keys.file()).isEqualTo(file);
    }

    @Test
    void anEmptyFileListsNoOne() throws IOException {
        Path file = dir.resolve("authorized");
        Files.writeString(file, "# nobody yet\n");

        assertThat(AuthorizedKeys.read(file).size()).isZero();
    }

    @Test
    void aBadLineIsNamedByNumber() throws IOException {
        Path file = dir.resolve("authorized");
        Files.writeString(file, alice.hex() + "\n# fine\n" + bob.hex().substring(1) + " short\n");

        assertThatThrownBy(() -> AuthorizedKeys.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + " line 3: not a fingerprint")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCommentMustBeSetApart() throws IOException {
        Path file = dir.resolve("authorized");
        Files.writeString(file, alice.hex() + "laptop\n");

        assertThatThrownBy(() -> AuthorizedKeys.read(file)).hasMessageStartingWith(file + " line 1: not a fingerprint");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("missing");

        assertThatThrownBy(() -> AuthorizedKeys.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read the authorized keys " + file + ": no such file or directory");
    }

    private static String spaced(Fingerprint fingerprint) {
        return fingerprint.toString().replace('-', ' ');
    }

    private static String colons(Fingerprint fingerprint) {
        return fingerprint.hex().toUpperCase().replaceAll("(..)(?!$)", "$1:");
    }
}
