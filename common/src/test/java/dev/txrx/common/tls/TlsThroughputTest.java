package dev.txrx.common.tls;

import static dev.txrx.common.tls.Loopback.anyServer;
import static dev.txrx.common.tls.Loopback.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.Locale;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast {@link TlsChannel} moves bytes over loopback, memory to memory, between two threads,
 * next to the same over the bare sockets. It only prints the figures (in the test's output file
 * under {@code target/surefire-reports}); a time is never asserted. A benchmark rather than a
 * test, it runs only when asked for, with the volume in MiB:
 * {@code mvn -B -pl common -am test -Dtest=TlsThroughputTest -Dsurefire.failIfNoSpecifiedTests=false -Dtls.throughput.mib=1024}.
 * The TLS figure follows a warm-up of a quarter of that volume: until the JIT's optimising
 * compiler has compiled SunJCE's AES-GCM (its intrinsics are C2's only), encryption is many
 * times slower.
 */
@Timeout(600)
@EnabledIfSystemProperty(named = "tls.throughput.mib", matches = "[0-9]+")
class TlsThroughputTest extends TwoIdentities {

    private static final int MiB = 1024 * 1024;
    /** As the frame writer's FILE_DATA of 1 MiB, and the frame reader's default buffer. */
    private static final int WRITE_SIZE = MiB;
    private static final int READ_SIZE = 256 * 1024;

    @Test
    void printsTheThroughputOverLoopback() throws Exception {
        long volume = Long.getLong("tls.throughput.mib") * MiB;
        try (Loopback plain = new Loopback()) {
            report("plain", null, move(plain, plain.connected, plain.accepted, volume), volume);
        }
        for (long round : new long[] {volume / 4, volume}) {
            try (Loopback loopback = new Loopback()) {
                Loopback.Pair pair = Loopback.handshake(loopback, listener.tls(), connector.tls(), anyServer());
                report(round < volume ? "TLS (warming up)" : "TLS", pair.connecting().cipherSuite(),
                        move(loopback, pair.connecting(), pair.listening(), round), round);
            }
        }
    }

    /** Sends {@code volume} bytes from {@code from} to {@code to}; returns the nanoseconds it took. */
    private static long move(Loopback threads, ByteChannel from, ByteChannel to, long volume) throws Exception {
        Future<Long> receiving = threads.start(() -> drain(to, volume));
        ByteBuffer data = ByteBuffer.allocateDirect(WRITE_SIZE);
        data.put(Streams.random(WRITE_SIZE, 1)).flip();
        long start = System.nanoTime();
        for (long left = volume; left > 0; left -= WRITE_SIZE) {
            data.clear().limit((int) Math.min(WRITE_SIZE, left));
            Streams.writeAll(from, data);
        }
        long received = await(receiving);
        long took = System.nanoTime() - start;
        assertThat(received).isEqualTo(volume);
        return took;
    }

    private static long drain(ByteChannel in, long volume) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_SIZE);
        long total = 0;
        while (total < volume) {
            buffer.clear();
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void report(String what, String suite, long nanos, long volume) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%s over loopback%s: %d MiB in %.2f s, %.0f MiB/s (%.2f GB/s)%n", what,
                suite == null ? "" : " with " + suite, volume / MiB, seconds, volume / MiB / seconds,
                volume / seconds / 1e9);
    }
}
