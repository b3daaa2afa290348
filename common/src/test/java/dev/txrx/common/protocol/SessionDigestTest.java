package dev.txrx.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The session digest and CRC32C values that {@code docs/PROTOCOL.md} gives as examples. */
class SessionDigestTest {

    private static final String EMPTY_DIGEST = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ONE_FILE_DIGEST = "0a169391fce18756d0c12d85cc9c488fd205357587265f53f0b08ee90e9efd6a";
    private static final String ONE_FILE_RECORD = "00000001" + "0000000000000005" + "9a71bb4c" + "000d"
            + "6469722f68656c6c6f2e747874";

    @Test
    void digestOfEmptySessionIsSha256OfNothing() {
        SessionDigest digest = new SessionDigest();

        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(EMPTY_DIGEST);
        assertThat(digest.files()).isZero();
        assertThat(digest.bytes()).isZero();
    }

    @Test
    void digestOfOneFileSessionMatchesTheWorkedExample() {
        SessionDigest digest = new SessionDigest();

        digest.add(1, 5, crc32c("hello"), "dir/hello.txt");

        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(ONE_FILE_DIGEST);
        assertThat(digest.files()).isEqualTo(1);
        assertThat(digest.bytes()).isEqualTo(5);
    }

    @Test
    void workedExampleIsSha256OfTheDocumentedRecord() throws NoSuchAlgorithmException {
        byte[] record = HexFormat.of().parseHex(ONE_FILE_RECORD);

        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(record);

        assertThat(HexFormat.of().formatHex(sha256)).isEqualTo(ONE_FILE_DIGEST);
    }

    @Test
    void documentGivesTheSameValues() throws IOException {
        String document = Files.readString(WireBytes.protocolDocument(), StandardCharsets.UTF_8);

        int example = document.indexOf("Its record is");
        int start = document.indexOf("```hex\n", example) + "```hex\n".length();
        String record = document.substring(start, document.indexOf("```", start));

        assertThat(document).contains(EMPTY_DIGEST, ONE_FILE_DIGEST, "0xE3069283", "0x9A71BB4C");
        assertThat(example).isPositive();
        assertThat(HexFormat.of().formatHex(WireBytes.hex(record))).isEqualTo(ONE_FILE_RECORD);
    }

    @Test
    void crc32cIsCastagnoliWithTheStandardCheckValue() {
        assertThat(crc32c("123456789")).isEqualTo(0xe3069283);
        assertThat(crc32c("hello")).isEqualTo(0x9a71bb4c);
        assertThat(crc32c("")).isZero();
    }

    @Test
    void recordsNameLengthInUtf8BytesNotCharacters() throws NoSuchAlgorithmException {
        String name = "\u00e9t\u00e9.txt";
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] record = ByteBuffer.allocate(18 + utf8.length).putInt(2).putLong(7).putInt(0x01020304)
                .putShort((short) utf8.length).put(utf8).array();
        SessionDigest digest = new SessionDigest();

        digest.add(2, 7, 0x01020304, name);

        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(record));
    }

    @Test
    void takesFilesInAscendingIdOrderWhateverTheIdsAre() throws NoSuchAlgorithmException {
        SessionDigest digest = new SessionDigest();
        digest.add(3, 1, 11, "z");
        digest.add(70, 2, 22, "a");
        digest.add(900, 0, 0, "m");
        byte[] records = ByteBuffer.allocate(3 * 19)
                .putInt(3).putLong(1).putInt(11).putShort((short) 1).put((byte) 'z')
                .putInt(70).putLong(2).putInt(22).putShort((short) 1).put((byte) 'a')
                .putInt(900).putLong(0).putInt(0).putShort((short) 1).put((byte) 'm').array();

        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(records));
        assertThatThrownBy(() -> digest.add(5, 1, 0, "late")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file id 5 added after file id 900: the session digest takes files in ascending id order");
    }

    @Test
    void bindsEachFileToItsId() {
        SessionDigest one = new SessionDigest();
        one.add(1, 1, 11, "a");
        one.add(2, 2, 22, "b");
        SessionDigest swapped = new SessionDigest();
        swapped.add(1, 2, 22, "b");
        swapped.add(2, 1, 11, "a");

        assertThat(one.digest()).isNotEqualTo(swapped.digest());
        assertThat(one.bytes()).isEqualTo(swapped.bytes()).isEqualTo(3);
    }

    @Test
    void takingTheDigestDoesNotEndTheSession() {
        SessionDigest incremental = new SessionDigest();
        incremental.add(1, 5, crc32c("hello"), "dir/hello.txt");
        byte[] first = incremental.digest();
        byte[] again = incremental.digest();
        incremental.add(2, 0, 0, "empty");
        SessionDigest whole = new SessionDigest();
        whole.add(1, 5, crc32c("hello"), "dir/hello.txt");
        whole.add(2, 0, 0, "empty");

        assertThat(again).isEqualTo(first);
        assertThat(incremental.digest()).isEqualTo(whole.digest()).isNotEqualTo(first);
        assertThat(incremental.files()).isEqualTo(2);
    }

    private static int crc32c(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
