package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.io.FileChecksums;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.transport.Security;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file larger than 4 GiB, sparse so that it costs no disk, sent with {@code --send} and
 * received with {@code --discard}: sizes, offsets and counts past 2^32 survive the trip, and
 * the bytes written around 2^32 and at the very end are covered by the checksum.
 */
@Timeout(300)
class LargeSparseFileIT {

    private static final long SIZE = (4L << 30) + 12_345;

    @TempDir
    Path dir;

    @Test
    void sparseFileOver4GiBArrivesVerifiedWithItsExactSize() throws Exception {
        Path big = dir.resolve("big.sparse");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(SIZE);
            // across the 2^32 boundary, where a 32-bit offset would wrap
            file.seek((1L << 32) - 3);
            file.write("across 2^32".getBytes(StandardCharsets.US_ASCII));
            file.seek(SIZE - 7);
            file.write("the end".getBytes(StandardCharsets.US_ASCII));
        }
        // What the receiver's digest must be, computed here from the file itself: one record, id 1.
        SessionDigest expected = new SessionDigest();
        try (FileChannel channel = FileChannel.open(big, StandardOpenOption.READ)) {
            expected.add(1, SIZE, FileChecksums.crc32c(channel, SIZE), "big.sparse");
        }
        // the console shows the digest's first 16 hex digits
        String digest = HexFormat.of().formatHex(expected.digest()).substring(0, 16);

        // in clear: the sizes past 2^32 are the subject, and are the same through TLS, which costs
        // about 15 s more for 4 GiB on two cores (sendfile in clear); every other flow runs over TLS
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(big), Security.PLAIN)) {
            CommandRun run = CommandRun.receiver("--plain", "--port", String.valueOf(sender.port()), "--discard",
                    "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out())
                    .containsPattern("received 1 file, " + SIZE + " bytes \\(4.00 GiB\\) in .*, digest " + digest + "\n")
                    .contains("sender reported 1 file, " + SIZE + " bytes (4.00 GiB), digest " + digest + "\n")
                    .contains("verified: every file passed CRC32C, totals and digest match the sender");
            sender.awaitOutcomes(1);
            assertThat(sender.outcomes).singleElement().satisfies(o -> assertThat(o.succeeded()).isTrue());
        }
    }
}
