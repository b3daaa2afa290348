package dev.txrx.it;

import dev.txrx.receiver.store.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.text.Durations;
import dev.txrx.common.tls.Tls;
import java.io.IOException;
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

    /**
     * The sender's deadline from accept to the REQUEST, which covers the TLS handshake: 25 of them
     * at once take about 1.5 s on two cores (and more while the JIT is cold), so a deadline of 1 s
     * would drop real receivers and attackers alike before their HELLO.
     */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The sender's idle timeout, no shorter than the deadline: a silent peer is then dropped by the
     * deadline of the handshake, as it must be, and not by a read that waited too long.
     */
    private static final Duration IDLE_TIMEOUT = HANDSHAKE_TIMEOUT;

    /** The kinds of misbehaviour, each a way a peer can break the protocol or the connection. */
    enum Kind {
        RANDOM_BYTES, HTTP_REQUEST, OVERSIZE_LENGTH, CUT_FRAME, DISCONNECT_MID_FILE, NEVER_READS, SILENT
    }

    /** What the sender's one log line says about each kind: how it ended, not just that it did. */
    private static final Map<Kind, String> LOGGED = Map.of(
            Kind.RANDOM_BYTES, "broke the protocol",
            Kind.HTTP_REQUEST, "broke the protocol",
            Kind.OVERSIZE_LENGTH, "broke the protocol",
            Kind.CUT_FRAME, "lost: connection closed inside a REQUEST frame \\(2 of 10 bytes\\)",
            Kind.DISCONNECT_MID_FILE, "lost: (?!.*waiting for)",
            Kind.NEVER_READS, "lost: timed out after " + Durations.format(IDLE_TIMEOUT)
                    + " (talking to|waiting for SESSION_CONFIRM)",
            Kind.SILENT, "lost: .*waiting for HELLO and REQUEST");

    @TempDir
    Path dir;

    @Test
    void hostileConnectionsAreDroppedAndLoggedOnceWhileRealTransfersVerify() throws Exception {
        // A local port may come round again after a connection is reset, so ports are counted, not keyed.
        Queue<Map.Entry<Integer, Kind>> hostilePorts = new ConcurrentLinkedQueue<>();
        try (LogCapture log = new LogCapture(HostilePeerIT.SENDER_SESSION_LOG);
             InProcessSender sender = new InProcessSender(InProcessSender.settings(dir.resolve("outputs"), 0, 20,
                     1024, 256 * 1024, Duration.ofMillis(20), 300, HANDSHAKE_TIMEOUT, IDLE_TIMEOUT))) {
            // one attacker with one certificate of its own, made once: a new one per connection would
            // cost more than the connection, and crowd out the real receivers' TLS handshakes
            Tls attacker = TestSecurity.tls();
            ExecutorService attackers = Executors.newFixedThreadPool(25);
            List<CompletableFuture<CommandRun>> real = new ArrayList<>();
            List<CompletableFuture<Kind>> attacked = new ArrayList<>();
            for (int i = 0; i < HOSTILE; i++) {
                Kind kind = Kind.values()[i % Kind.values().length];
                long seed = i;
                attacked.add(CompletableFuture.supplyAsync(() -> attack(sender.port(), attacker, kind, seed, hostilePorts, log), attackers));
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
            for (int i = 0; i < HOSTILE; i++) {
                // an attack whose assertion failed throws here, with its kind and what the sender did
                assertThat(attacked.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(Kind.values()[i % Kind.values().length]);
            }
            attackers.shutdown();
            sender.awaitOutcomes(HOSTILE + real.size());
            assertThat(hostilePorts).hasSize(HOSTILE);
            Map<Integer, Long> connectionsPerPort = hostilePorts.stream()
                    .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
            hostilePorts.forEach(entry -> assertThat(log.problemsMentioning("127.0.0.1:" + entry.getKey() + " "))
                    .as("log lines about the %s connection from port %d", entry.getValue(), entry.getKey())
                    .hasSize(connectionsPerPort.get(entry.getKey()).intValue())
                    .allSatisfy(line -> assertThat(line).as("why the %s connection ended", entry.getValue())
                            .containsPattern(LOGGED.get(entry.getValue()))));
        }
    }

    /**
     * Misbehaves in one way and asserts what the sender must do about it: answer a broken frame
     * with its HELLO and an ERROR PROTOCOL_VIOLATION and close; close without a word once the
     * stream ends inside a frame or after the handshake deadline; keep sending a file until the
     * peer resets; drop a peer that never reads once the idle timeout logs it. An assertion or an
     * unexpected I/O error fails the attack, and with it the test.
     */
    private static Kind attack(int port, Tls identity, Kind kind, long seed, Queue<Map.Entry<Integer, Kind>> ports,
                               LogCapture log) {
        try (RawPeer peer = new RawPeer(port, identity)) {
            ports.add(Map.entry(peer.localPort(), kind));
            switch (kind) {
                case RANDOM_BYTES -> {
                    byte[] noise = new byte[200];
                    new Random(seed).nextBytes(noise);
                    noise[4] = 0x7f; // never a HELLO by chance
                    assertHelloThenProtocolError(peer.send(noise).framesUntilClosed(), kind);
                }
                case HTTP_REQUEST -> assertHelloThenProtocolError(peer.send(
                        "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                        .framesUntilClosed(), kind);
                case OVERSIZE_LENGTH -> assertHelloThenProtocolError(peer.helloAs(Role.RECEIVER)
                        .send(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x03}).framesUntilClosed(), kind);
                case CUT_FRAME -> {
                    // 10 bytes declared, 2 sent, then our stream ends: the sender sees the cut, says nothing more
                    peer.helloAs(Role.RECEIVER).send(new byte[] {0, 0, 0, 10, 0x03, 1, 2}).shutdownOutput();
                    assertThat(peer.framesUntilClosed()).as(kind + ": frames before the close")
                            .singleElement().isInstanceOf(Frame.Hello.class);
                }
                case DISCONNECT_MID_FILE -> {
                    peer.helloAs(Role.RECEIVER).requestFiles();
                    assertThat(peer.read(3000)).as(kind + ": bytes of the session before our reset").isEqualTo(3000);
                    peer.abort();
                }
                case NEVER_READS -> {
                    peer.helloAs(Role.RECEIVER).requestFiles();
                    // the sender's writes block on us; its idle timeout must drop us, and say so
                    awaitLogLine(log, peer.localPort(), kind);
                    assertThat(peer.readUntilClosed()).as(kind + ": closed after the idle timeout").isTrue();
                }
                case SILENT -> assertThat(peer.framesUntilClosed()).as(kind + ": frames before the handshake deadline")
                        .singleElement().isInstanceOf(Frame.Hello.class);
                default -> throw new IllegalStateException(kind.name());
            }
            return kind;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(kind + ": " + e, e);
        }
    }

    private static void assertHelloThenProtocolError(List<Frame> frames, Kind kind) {
        assertThat(frames).as(kind + ": frames before the close").hasSize(2);
        assertThat(frames.get(0)).isInstanceOf(Frame.Hello.class);
        assertThat(frames.get(1)).as(kind + ": the sender's answer").isInstanceOfSatisfying(Frame.Error.class,
                error -> assertThat(error.code()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION));
    }

    private static void awaitLogLine(LogCapture log, int localPort, Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (log.problemsMentioning("127.0.0.1:" + localPort + " ").isEmpty()) {
            assertThat(System.nanoTime()).as(kind + ": the sender logged the connection from port " + localPort)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
