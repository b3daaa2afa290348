package dev.txrx.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Glob;
import dev.txrx.common.protocol.RequestKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copies an output directory holds, as COPY frames tell the sender of them. */
class CopiesTest {

    private static final Frame.Request FILES = new Frame.Request(RequestKind.FILES);
    private static final long MTIME = 1_600_000_000_000L;

    @TempDir
    Path root;

    @BeforeEach
    void tree() throws Exception {
        file("a.txt", "alpha");
        file("docs/b.md", "beta!");
        file("docs/sub/c.md", "gamma");
        file("docs/.b.md.3f2a9c01d4e5b678.part", "staged");
        file(ResumeState.DIRECTORY + "/state.jsonl", "{}");
        file("dir\\name.txt", "a backslash");
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("a.txt"));
        Files.createSymbolicLink(root.resolve("linked"), root.resolve("docs"));
    }

    private void file(String name, String content) throws Exception {
        Path path = root.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        Files.setLastModifiedTime(path, FileTime.fromMillis(MTIME));
    }

    private List<String> names(Frame.Request request, List<Glob> excludes) {
        return Copies.of(root, request, excludes, false).stream().map(Frame.Copy::name).toList();
    }

    @Test
    void everyRegularFileWithAnEntryNameButNoLinkJournalOrTemporaryFile() {
        assertThat(Copies.of(root, FILES, List.of(), false)).containsExactly(
                new Frame.Copy(5, MTIME, false, 0, "a.txt"),
                new Frame.Copy(5, MTIME, false, 0, "docs/b.md"),
                new Frame.Copy(5, MTIME, false, 0, "docs/sub/c.md"));
    }

    @Test
    void aGetSelectsItsNamesAndWhatIsBelowThem() {
        assertThat(names(new Frame.Request(RequestKind.GET, List.of("docs/sub", "a.txt")), List.of()))
                .containsExactly("a.txt", "docs/sub/c.md");
        assertThat(names(new Frame.Request(RequestKind.GET, List.of("doc")), List.of())).isEmpty();
        assertThat(names(new Frame.Request(RequestKind.GET, List.of("linked")), List.of()))
                .as("nothing below a link").isEmpty();
    }

    @Test
    void excludedNamesAndWhatIsBelowThemAreLeftOut() {
        assertThat(names(FILES, List.of(Glob.of("sub")))).containsExactly("a.txt", "docs/b.md");
        assertThat(names(FILES, List.of(Glob.of("*.md")))).containsExactly("a.txt");
    }

    @Test
    void withChecksumEachCopyCarriesTheCrc32cOfItsContent() {
        CRC32C crc = new CRC32C();
        crc.update("alpha".getBytes(StandardCharsets.UTF_8));

        assertThat(Copies.of(root, new Frame.Request(RequestKind.GET, List.of("a.txt")), List.of(), true))
                .containsExactly(new Frame.Copy(5, MTIME, true, (int) crc.getValue(), "a.txt"));
    }

    @Test
    void aMissingOutputDirectoryHoldsNothing() {
        assertThat(Copies.of(root.resolve("absent"), FILES, List.of(), false)).isEmpty();
    }
}
