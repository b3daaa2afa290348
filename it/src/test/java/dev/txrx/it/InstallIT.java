package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/install} into a temporary prefix that already holds a file of its own: the
 * commands run through a further symlink and from another directory, the man pages and the
 * completions are there, and {@code --uninstall} leaves the prefix as it was. The jars and
 * dist/'s files exist at this point of {@code mvn verify}: the install never starts a build of
 * its own ({@code TXRX_BUILD=never}), even when a source was edited while the build ran.
 */
@Timeout(120)
class InstallIT {

    private static final Path INSTALL = Path.of("../bin/install").toAbsolutePath().normalize();

    /** One run of a command: its exit code and what it printed on each stream. */
    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void installsRunsThroughSymlinksAndUninstallsExactlyWhatItWrote(@TempDir Path dir) throws Exception {
        Path prefix = Files.createDirectories(dir.resolve("prefix"));
        Path unrelated = Files.createDirectories(prefix.resolve("bin")).resolve("unrelated");
        Files.writeString(unrelated, "not txrx's\n");
        List<String> before = tree(prefix);

        Run install = run(dir, INSTALL.toString(), "--prefix", prefix.toString());
        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(install.out()).contains("installed sender and receiver under " + prefix);

        // a link to the installed link, run from a directory of its own: two symlinks to resolve
        Path links = Files.createDirectories(dir.resolve("links"));
        Path sender = Files.createSymbolicLink(links.resolve("sender"), prefix.resolve("bin/sender"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Run version = run(elsewhere, sender.toString(), "--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("sender ").contains("protocol version");
        Run receiver = run(elsewhere, prefix.resolve("bin/receiver").toString(), "--version");
        assertThat(receiver.out()).startsWith("receiver ");
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertThat(left).as("nothing written where it ran").isEmpty();
        }

        for (String app : List.of("sender", "receiver")) {
            assertThat(prefix.resolve("share/man/man1/" + app + ".1")).content().startsWith("'\\\" t")
                    .contains(".TH \"" + app.toUpperCase() + "\" \"1\"")
                    .contains("\\fB\\-\\-version\\fP");
            assertThat(prefix.resolve("share/bash-completion/completions/" + app)).content()
                    .contains("complete -F _complete_" + app);
            assertThat(prefix.resolve("share/zsh/site-functions/_" + app)).content().startsWith("#compdef " + app);
        }
        assertThat(prefix.resolve("lib/txrx/MANIFEST")).content().contains("file bin/sender")
                .doesNotContain("unrelated");

        Run uninstall = run(dir, INSTALL.toString(), "--uninstall", "--prefix", prefix.toString());
        assertThat(uninstall.exitCode()).as(uninstall.err()).isZero();
        assertThat(tree(prefix)).isEqualTo(before);
        assertThat(unrelated).hasContent("not txrx's");
    }

    @Test
    void aBadArgumentIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Run run = run(dir, INSTALL.toString(), "--prefx", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("--prefx").contains("usage: bin/install");
        try (Stream<Path> made = Files.list(dir)) {
            assertThat(made).isEmpty();
        }
    }

    /** Every path under {@code root}, relative and sorted. */
    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(path -> root.relativize(path).toString()).sorted().toList();
        }
    }

    private static Run run(Path workingDirectory, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("install-out", ".txt");
        Path err = Files.createTempFile("install-err", ".txt");
        try {
            ProcessBuilder builder = AppProcess.inTemporaryConfig(new ProcessBuilder(new ArrayList<>(List.of(command))))
                    .directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("TXRX_BUILD", "never");
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ends", List.of(command)).isTrue();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
