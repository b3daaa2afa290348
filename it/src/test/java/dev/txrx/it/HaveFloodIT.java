package dev.txrx.it;

import dev.txrx.receiver.store.LogCapture;
import dev.txrx.common.protocol.RequestKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that announces a million HAVE frames with the longest names and streams them: the sender
 * refuses it at its memory budget with one logged protocol error, and serves a real receiver meanwhile.
 */
@Timeout(120)
class HaveFloodIT {

    private static final int ANNOUNCED = 1_000_000;
    private static final int HAVES_PER_WRITE = 64;

    @TempDir
    Path dir;

    @Test
    void aHaveFloodEndsAtTheMemoryBudgetWithOneProtocolErrorAndARealReceiverCompletes() throws Exception {
        try (LogCapture logged = new LogCapture(HostilePeerIT.SENDER_SESSION_LOG);
             InProcessSender sender = new InProcessSender(dir.resolve("outputs"), 3);
             RawPeer flood = new RawPeer(sender.port())) {
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> flood(flood));

            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard");
            long haves = sent.get(100, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(haves).as("the sender hung up long before the announced count").isLessThan(ANNOUNCED);
            sender.awaitOutcomes(2);
            assertThat(logged.problemsMentioning("127.0.0.1:" + flood.localPort())).singleElement().asString()
                    .contains("broke the protocol: HAVE frames take more memory than the ")
                    .contains(" that one connection may hold (refused at HAVE ");
        }
    }

    /** Sends the handshake, a RESUME announcing a million HAVE, and HAVE frames until the sender hangs up. */
    private static long flood(RawPeer peer) {
        long sent = 0;
        try {
            peer.helloAs(Role.RECEIVER).send(new Frame.Request(RequestKind.FILES)).send(new Frame.Resume(UUID.randomUUID(), ANNOUNCED));
            byte[] have = RawPeer.encode(new Frame.Have(1, 1L << 40, 0, 1, 0, "n".repeat(4096)));
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < HAVES_PER_WRITE; i++) {
                batch.write(have);
            }
            byte[] haves = batch.toByteArray();
            while (sent < ANNOUNCED) {
                peer.send(haves);
                sent += HAVES_PER_WRITE;
            }
        } catch (IOException hungUp) {
            // what the sender does at its limit
        }
        return sent;
    }
}
