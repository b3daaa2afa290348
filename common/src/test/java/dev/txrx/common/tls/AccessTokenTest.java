package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenTest {

    private static final String ALL_ALLOWED = "ABCXYZabcxyz0189._~-";

    @TempDir
    Path dir;

    @Test
    void aGeneratedTokenIs128RandomBitsInHex() {
        AccessToken one = AccessToken.generate();
        AccessToken two = AccessToken.generate();

        assertThat(one.reveal()).matches("[0-9a-f]{32}");
        assertThat(one).isNotEqualTo(two);
        assertThat(AccessToken.parse(one.reveal())).isEqualTo(one);
    }

    @Test
    void acceptsSixteenTo255UnreservedCharacters() {
        assertThat(AccessToken.parse(ALL_ALLOWED).reveal()).isEqualTo(ALL_ALLOWED);
        assertThat(AccessToken.parse("a".repeat(16)).reveal()).hasSize(16);
        assertThat(AccessToken.parse("a".repeat(255)).reveal()).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "secretsecret123", "secretsecret12 4", "secretsecret12+4", "secretsecret12/4",
        "secretsecret12:4", "secretsecret12é4", " secretsecret1234", "secretsecret1234\n"})
    void refusesAnythingElseWithoutQuotingIt(String text) {
        assertThatThrownBy(() -> AccessToken.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an access token (")
                .hasMessageContaining("an access token is 16 to 255 characters among letters, digits and . _ ~ -")
                .hasMessageNotContaining("secret");
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> AccessToken.parse("a".repeat(256))).hasMessageStartingWith("not an access token (it has 256 characters)");
        assertThatThrownBy(() -> AccessToken.parse("a".repeat(15) + "!"))
                .hasMessageStartingWith("not an access token (it has a character that is not allowed)");
    }

    @Test
    void isReadFromAFileWithoutTheLineBreak() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "  " + ALL_ALLOWED + "\r\n");

        assertThat(AccessToken.read(file).reveal()).isEqualTo(ALL_ALLOWED);
    }

    @Test
    void aFileWithoutATokenIsNamedButNotQuoted() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "secret but short\n");

        assertThatThrownBy(() -> AccessToken.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " does not hold an access token (it has a character that is not allowed)")
                .hasMessageNotContaining("secret");
        Files.write(file, new byte[5000]);
        assertThatThrownBy(() -> AccessToken.read(file))
                .hasMessageStartingWith(file + " does not hold an access token (it is larger than 4096 bytes)");
        Files.write(file, ("secretsecret" + "\u00e9".repeat(8)).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AccessToken.read(file)).hasMessageNotContaining("secret");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("missing");

        assertThatThrownBy(() -> AccessToken.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read the token file " + file + ": no such file or directory");
    }

    @Test
    void isSentAsAscii() {
        assertThat(AccessToken.parse(ALL_ALLOWED).bytes()).isEqualTo(ALL_ALLOWED.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void matchesOnlyItsOwnBytes() {
        AccessToken token = AccessToken.parse(ALL_ALLOWED);

        assertThat(token.matches(ALL_ALLOWED.getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(token.matches(ALL_ALLOWED.substring(1).getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(token.matches((ALL_ALLOWED + "x").getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(token.matches(ALL_ALLOWED.toLowerCase().getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(token.matches(new byte[0])).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void neverShowsItself() {
        AccessToken token = AccessToken.parse(ALL_ALLOWED);

        assertThat(token).hasToString("AccessToken[hidden]");
        assertThat(token).isEqualTo(AccessToken.parse(ALL_ALLOWED)).hasSameHashCodeAs(AccessToken.parse(ALL_ALLOWED));
    }

    @Test
    void isWrittenToANewOwnerOnlyFile() throws IOException {
        AccessToken token = AccessToken.generate();
        Path file = dir.resolve("token");

        token.writeTo(file);

        assertThat(file).hasContent(token.reveal());
        assertThat(Files.readString(file)).endsWith("\n");
        assertThat(AccessToken.read(file)).isEqualTo(token);
        if (OwnerOnlyFiles.posix(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThatThrownBy(() -> AccessToken.generate().writeTo(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(AccessToken.read(file)).isEqualTo(token);
    }
}
