package dev.txrx.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The summary line, whole and after a resume. */
class TransferSummaryTest {

    private static final byte[] DIGEST = new byte[32];
    private static final long MIB = 1 << 20;

    @Test
    void aSessionCarriedWholeByOneConnectionDividesItsBytesByItsTime() {
        TransferSummary whole = new TransferSummary("received", 3, 30 * MIB, Duration.ofSeconds(3), DIGEST);

        assertThat(whole.bytesPerSecond()).isEqualTo(10.0 * MIB);
        assertThat(whole.line()).startsWith("received 3 files, 31457280 bytes (30.0 MiB) in 3.00 s (10.0 MiB/s), digest ");
    }

    /** 300 MiB in all, of which the last connection carried 30 MiB in 3 s: 10 MiB/s, not 100. */
    @Test
    void afterAResumeTheSpeedIsThatOfTheBytesThisConnectionCarried() {
        TransferSummary resumed = new TransferSummary("received", 10, 300 * MIB, Duration.ofSeconds(3), DIGEST,
                30 * MIB);

        assertThat(resumed.bytesPerSecond()).isEqualTo(10.0 * MIB);
        assertThat(resumed.line()).startsWith("received 10 files, 314572800 bytes (300 MiB) in 3.00 s "
                + "(10.0 MiB/s over the 30.0 MiB of this connection), digest ");
    }

    @Test
    void theLineShowsOneFileInTheSingularAndTheDigestsFirstSixteenHexDigits() {
        byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (0x10 + i);
        }
        TransferSummary one = new TransferSummary("sent", 1, 1, Duration.ofSeconds(1), digest);

        assertThat(one.line()).isEqualTo("sent 1 file, 1 byte (1 B) in 1.00 s (1 B/s), digest 1011121314151617");
        assertThat(one.shortDigest()).isEqualTo("1011121314151617");
        assertThat(one.digestHex()).hasSize(64).startsWith(one.shortDigest());
    }
}
