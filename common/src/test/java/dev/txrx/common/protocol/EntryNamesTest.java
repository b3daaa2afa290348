package dev.txrx.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which entry names from the wire the receiver may use as a relative path. */
class EntryNamesTest {

    /**
     * UTF-8 byte order: U+E000 (EE 80 80) before U+1F600 (F0 9F 98 80), though Java's UTF-16
     * order puts the emoji (D83D DE00) first; 'z' (7A) before 'é' (C3 A9); a name before the
     * longer names it begins.
     */
    @Test
    void namesSortInTheByteOrderOfTheirUtf8() {
        List<String> names = new ArrayList<>(List.of("\uD83D\uDE00", "\uE000", "\u00e9", "z", "a.txt", "a", "a-b", "A"));
        names.sort(EntryNames.UTF8_ORDER);

        assertThat(names).containsExactly("A", "a", "a-b", "a.txt", "z", "\u00e9", "\uE000", "\uD83D\uDE00");
        assertThat("\uD83D\uDE00".compareTo("\uE000")).as("String.compareTo differs").isNegative();
        assertThat(names).isSortedAccordingTo(Comparator.comparing(name -> name.getBytes(StandardCharsets.UTF_8),
                Arrays::compareUnsigned));
    }

    @Test
    void rejectsEmptyName() {
        assertThat(EntryNames.problem("")).isEqualTo("it is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/a"})
    void rejectsAbsolutePath(String name) {
        assertThat(EntryNames.problem(name)).isEqualTo("it is an absolute path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../a", "a/..", "a/../b"})
    void rejectsDotDotSegment(String name) {
        assertThat(EntryNames.problem(name)).isEqualTo("it has a '..' segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "./a", "a/.", "a/./b"})
    void rejectsDotSegment(String name) {
        assertThat(EntryNames.problem(name)).isEqualTo("it has a '.' segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "a/", "a/b/"})
    void rejectsEmptySegment(String name) {
        assertThat(EntryNames.problem(name)).isEqualTo("it has an empty path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\b", "..\\x", "\\\\server\\share"})
    void rejectsBackslash(String name) {
        assertThat(EntryNames.problem(name)).isEqualTo("it contains a backslash");
    }

    @Test
    void rejectsNul() {
        assertThat(EntryNames.problem("a\u0000b")).isEqualTo("it contains control character U+0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\tb", "a\u001fb", "a\u007fb", "a\u0085b", "a\u009fb"})
    void rejectsControlCharacter(String name) {
        assertThat(EntryNames.problem(name)).startsWith("it contains control character U+");
    }

    @Test
    void rejectsNameLongerThan4096Bytes() {
        String name = String.join("/", Collections.nCopies(17, "a".repeat(241)));

        assertThat(name.length()).isEqualTo(4113);
        assertThat(EntryNames.problem(name)).isEqualTo("it is longer than 4096 bytes");
    }

    @Test
    void countsNameLengthInUtf8Bytes() {
        String name = "\u00e9".repeat(2049); // 4098 bytes in 2049 characters

        assertThat(EntryNames.problem(name)).isEqualTo("it is longer than 4096 bytes");
    }

    @Test
    void rejectsSegmentLongerThan255Bytes() {
        assertThat(EntryNames.problem("dir/" + "a".repeat(256)))
                .isEqualTo("a path segment is longer than 255 bytes");
        assertThat(EntryNames.problem("\u00e9".repeat(128))) // 256 bytes
                .isEqualTo("a path segment is longer than 255 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:/Windows", "c:x", "D:", "a:b"})
    void rejectsDriveLetter(String name) {
        assertThat(EntryNames.problem(name)).isEqualTo("it starts with a drive letter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "file.txt", "dir/sub/file.txt", ".hidden", "a/.b/..c/c..", "a b/c-d_e",
            "r\u00e9sum\u00e9/\u65e5\u672c\u8a9e.txt", "emoji/\ud83d\ude00.bin", "ab:c"})
    void acceptsRelativePath(String name) {
        assertThat(EntryNames.problem(name)).isNull();
    }

    @Test
    void acceptsLongestNameAndSegment() {
        String name = String.join("/", Collections.nCopies(16, "a".repeat(255)));

        assertThat(name.length()).isEqualTo(4095);
        assertThat(EntryNames.problem(name)).isNull();
        assertThat(EntryNames.problem("a".repeat(255))).isNull();
    }

    @Test
    void requireSafeReturnsSafeName() throws ProtocolException {
        assertThat(EntryNames.requireSafe("dir/file.txt")).isEqualTo("dir/file.txt");
    }

    @Test
    void requireSafeNamesTheEntryAndTheProblemWithControlCharactersEscaped() {
        assertThatThrownBy(() -> EntryNames.requireSafe("../x\u0000"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("unsafe entry name \"../x\\x00\": it contains control character U+0000");
    }

    @Test
    void requireSafeReportsProtocolViolation() {
        assertThatThrownBy(() -> EntryNames.requireSafe("/abs"))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
    }
}
