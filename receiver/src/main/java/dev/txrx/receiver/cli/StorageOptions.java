package dev.txrx.receiver.cli;

import dev.txrx.receiver.store.OnExists;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where and how the receiver stores what arrives. */
final class StorageOptions {

    @Option(names = {"-o", "--output-dir"}, defaultValue = "received", paramLabel = "DIR",
            description = "Where verified files are written (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--discard", description = "Verify and count the files without writing them (memory to "
            + "memory, as iperf3 measures; the summary shows bits per second too).")
    boolean discard;

    @Option(names = "--no-fsync", description = "Report a file verified without waiting for it to reach the disk: "
            + "faster for many small files, but a power loss may lose files reported verified.")
    boolean noFsync;

    @Option(names = "--stdout", description = "Write the content of the session's one file (a stream of "
            + "sender --send -, or a single file) to standard output as it arrives, and store nothing; every message "
            + "goes to stderr. Bytes come out before they are verified: trust them only if the exit code is 0.")
    boolean stdout;

    /**
     * What is wrong with {@code --stdout} among the other options, or null.
     *
     * @param others the options given that it cannot be combined with, as they are spelt
     */
    String stdoutProblem(List<String> others) {
        if (!stdout || others.isEmpty()) {
            return null;
        }
        return "--stdout writes one file to standard output; it cannot be combined with " + String.join(", ", others);
    }

    @Option(names = "--on-exists", defaultValue = "rename", paramLabel = "POLICY",
            description = "When a file of the same name exists and differs from the sender's (one that is the "
                + "same is not sent): rename (store as 'name (1).ext'), overwrite, skip, or fail "
                + "(default: ${DEFAULT-VALUE}).")
    OnExists onExists;

    @Option(names = "--checksum", description = "Compare the files already in the output directory with the "
            + "sender's by content (CRC32C of both), not by size and modification time: for trees whose times "
            + "cannot be trusted. A file that is the same is not sent.")
    boolean checksum;
}
