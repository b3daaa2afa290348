package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hundred hostile or broken connections of every kind, interleaved with real transfers: the
 * real ones verify, every hostile one is closed and logged exactly once with its address.
 */
@Timeout(120)
class HostileBarrageIT {

    private static final int HOSTILE = 100;

    /** The kinds of misbehaviour, each a way a peer can break the protocol or the connection. */
    enum Kind {
        RANDOM_BYTES, HTTP_REQUEST, OVERSIZE_LENGTH, CUT_FRAME, DISCONNECT_MID_FILE, NEVER_READS, SILENT
    }

    @TempDir
    Path dir;

    @Test
    void hostileConnectionsAreDroppedAndLoggedOnceWhileRealTransfersVerify() throws Exception {
        // A local port may come round again after a connection is reset, so ports are counted, not keyed.
        Queue<Map.Entry<Integer, Kind>> hostilePorts = new ConcurrentLinkedQueue<>();
        try (LogCapture log = new LogCapture(HostilePeerIT.SENDER_SESSION_LOG);
             InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 20,
                     1024, 256 * 1024, Duration.ofMillis(20), 300, Duration.ofSeconds(1), Duration.ofSeconds(1)))) {
            ExecutorService attackers = Executors.newFixedThreadPool(25);
            List<CompletableFuture<CommandRun>> real = new ArrayList<>();
            List<CompletableFuture<Boolean>> closed = new ArrayList<>();
            for (int i = 0; i < HOSTILE; i++) {
                Kind kind = Kind.values()[i % Kind.values().length];
                long seed = i;
                closed.add(CompletableFuture.supplyAsync(() -> attack(sender.port(), kind, seed, hostilePorts), attackers));
                if (i % 25 == 0) {
                    real.add(CompletableFuture.supplyAsync(() -> CommandRun.receiver("--port",
                            String.valueOf(sender.port()), "--discard", "--idle-timeout", "10s")));
                }
            }
            for (CompletableFuture<CommandRun> run : real) {
                CommandRun result = run.get(60, TimeUnit.SECONDS);
                assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCode.OK);
                assertThat(result.out()).contains("received 20 files");
            }
            for (CompletableFuture<Boolean> each : closed) {
                assertThat(each.get(60, TimeUnit.SECONDS)).as("the sender closed the hostile connection").isTrue();
            }
            attackers.shutdown();
            sender.awaitOutcomes(HOSTILE + real.size());
            assertThat(hostilePorts).hasSize(HOSTILE);
            Map<Integer, Long> connectionsPerPort = hostilePorts.stream()
                    .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
            hostilePorts.forEach(entry -> assertThat(log.problemsMentioning("127.0.0.1:" + entry.getKey() + " "))
                    .as("log lines about the %s connection from port %d", entry.getValue(), entry.getKey())
                    .hasSize(connectionsPerPort.get(entry.getKey()).intValue()));
        }
    }

    /** Misbehaves in one way; returns whether the sender then closed the connection. */
    private static boolean attack(int port, Kind kind, long seed, Queue<Map.Entry<Integer, Kind>> ports) {
        try (RawPeer peer = new RawPeer(port)) {
            ports.add(Map.entry(peer.localPort(), kind));
            switch (kind) {
                case RANDOM_BYTES -> {
                    byte[] noise = new byte[200];
                    new Random(seed).nextBytes(noise);
                    noise[4] = 0x7f; // never a HELLO by chance
                    peer.send(noise);
                }
                case HTTP_REQUEST -> peer.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                case OVERSIZE_LENGTH -> peer.helloAs(Role.RECEIVER).send(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x03});
                case CUT_FRAME -> {
                    peer.helloAs(Role.RECEIVER).send(new byte[] {0, 0, 0, 10, 0x03, 1, 2});
                    peer.close();
                    return true;
                }
                case DISCONNECT_MID_FILE -> {
                    peer.helloAs(Role.RECEIVER).requestFiles();
                    peer.read(3000);
                    peer.abort();
                    return true;
                }
                case NEVER_READS -> {
                    peer.helloAs(Role.RECEIVER).requestFiles();
                    Thread.sleep(2500);
                }
                case SILENT -> {
                    // say nothing; the handshake timeout must end it
                }
                default -> throw new IllegalStateException(kind.name());
            }
            return peer.readUntilClosed();
        } catch (Exception e) {
            return true; // a reset is a close too
        }
    }
}
