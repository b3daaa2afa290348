package dev.txrx.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The exclude patterns of {@code docs/PROTOCOL.md}, "Exclude patterns", example by example. */
class GlobTest {

    @Test
    void aPatternWithoutSlashMatchesAnySegmentAndTakesWhatIsBelow() {
        Glob tmp = Glob.of("*.tmp");
        assertThat(tmp.excludes("a.tmp")).isTrue();
        assertThat(tmp.excludes("dir/sub/b.tmp")).isTrue();
        assertThat(tmp.excludes("a.tmpx")).isFalse();
        Glob build = Glob.of("build");
        assertThat(build.excludes("build")).isTrue();
        assertThat(build.excludes("src/build/out.o")).isTrue();
        assertThat(build.excludes("builds/out.o")).isFalse();
    }

    @Test
    void aPatternWithSlashMatchesTheLeadingSegments() {
        Glob md = Glob.of("docs/*.md");
        assertThat(md.excludes("docs/a.md")).isTrue();
        assertThat(md.excludes("docs/sub/b.md")).isFalse();
        assertThat(md.excludes("x/docs/a.md")).isFalse();
        Glob below = Glob.of("docs/**");
        assertThat(below.excludes("docs")).isFalse();
        assertThat(below.excludes("docs/sub/b.md")).isTrue();
    }

    @Test
    void questionMarksSetsAndEscapes() {
        assertThat(Glob.of("?.c").excludes("a.c")).isTrue();
        assertThat(Glob.of("?.c").excludes("ab.c")).isFalse();
        assertThat(Glob.of("[a-c]x").excludes("bx")).isTrue();
        assertThat(Glob.of("[!a-c]x").excludes("bx")).isFalse();
        assertThat(Glob.of("[!a-c]x").excludes("dx")).isTrue();
        assertThat(Glob.of("[]]").excludes("]")).isTrue();
        assertThat(Glob.of("\\*").excludes("*")).isTrue();
        assertThat(Glob.of("\\*").excludes("a")).isFalse();
        assertThat(Glob.of("é?").excludes("é😀")).isTrue();
        assertThat(Glob.of("a*b").excludes("a/b")).isFalse();
    }

    @Test
    void invalidPatternsSayWhy() {
        assertThatThrownBy(() -> Glob.of("[a")).hasMessage("a [ is not closed");
        assertThatThrownBy(() -> Glob.of("a\\")).hasMessage("the pattern ends with a lone \\");
        assertThatThrownBy(() -> Glob.of("[z-a]")).hasMessage("the range z-a runs backwards");
        assertThatThrownBy(() -> Glob.of("")).hasMessage("the pattern is empty");
    }
}
