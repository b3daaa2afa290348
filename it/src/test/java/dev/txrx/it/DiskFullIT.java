package dev.txrx.it;

import dev.txrx.receiver.store.ResumeState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.txrx.cli.ExitCode;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver whose disk fills up: the file that does not fit fails with a clear error and
 * leaves nothing behind, the file before it stays, and the exit code says it failed. The full
 * disk is a 2 MiB tmpfs this test mounts; where mounting is not allowed the test is skipped.
 */
@Timeout(60)
class DiskFullIT {

    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fileThatDoesNotFitFailsClearlyAndTheOneBeforeStays() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("small-disk"));
        assumeTrue(mount(disk), "mounting a 2 MiB tmpfs is not allowed here");
        mounted = disk;

        Path tree = Files.createDirectories(dir.resolve("src/tree"));
        Files.write(tree.resolve("a-fits.bin"), random(1 << 20));
        Files.write(tree.resolve("b-too-big.bin"), random(3 << 20));
        SenderSettings settings = InProcessSender.settings(dir.resolve("unused"), 0, 0, 0, 0, Duration.ZERO, 4,
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        try (InProcessSender sender = new InProcessSender(InProcessSender.withSendPaths(settings, List.of(tree)))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--output-dir",
                    disk.toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out()).contains("NOT verified: cannot store tree/b-too-big.bin")
                    .contains("No space left on device");
        }
        try (Stream<Path> left = Files.walk(disk)) {
            assertThat(left.filter(Files::isRegularFile).map(p -> disk.relativize(p).toString())
                    .filter(name -> !name.startsWith(ResumeState.DIRECTORY))
                    .collect(Collectors.toList())).containsExactly("tree/a-fits.bin");
        }
        assertThat(Files.readAllBytes(disk.resolve("tree/a-fits.bin")))
                .isEqualTo(Files.readAllBytes(tree.resolve("a-fits.bin")));
    }

    private static boolean mount(Path at) {
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            return mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
