package dev.txrx.it;

import dev.txrx.receiver.store.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameType;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PING at the edges of its padding limit, sent to a real sender: the largest legal PING gets its
 * PONG (which fits a control frame), a larger one is a protocol error logged once, never an
 * uncaught exception, and the sender goes on serving.
 */
@Timeout(60)
class PingLimitIT {

    @TempDir
    Path dir;

    @Test
    void theLargestLegalPingIsAnsweredWithAPongThatFits() throws Exception {
        try (InProcessSender sender = new InProcessSender(dir.resolve("outputs"), 1);
             RawPeer peer = new RawPeer(sender.port())) {
            FrameReader answers = peer.reader();
            peer.helloAs(Role.RECEIVER).send(new Frame.Request(RequestKind.PING));
            UUID id = UUID.randomUUID();
            peer.send(new Frame.Ping(id, 0, 42, Frame.Ping.MAX_PADDING));

            assertThat(answers.next()).isInstanceOf(Frame.Hello.class);
            Frame.Pong pong = (Frame.Pong) answers.next();
            assertThat(pong.id()).isEqualTo(id);
            assertThat(pong.paddingLength()).isEqualTo(Frame.Ping.MAX_PADDING);
            assertThat(pong.payloadLength()).isLessThanOrEqualTo(FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
        }
    }

    @ParameterizedTest(name = "PING payload of {0} bytes")
    @ValueSource(ints = {Frame.Ping.MIN_PAYLOAD + Frame.Ping.MAX_PADDING + 1, FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH})
    void aPingOverThePaddingLimitIsAProtocolErrorLoggedOnceAndTheSenderGoesOn(int payload) throws Exception {
        try (LogCapture logged = new LogCapture(HostilePeerIT.SENDER_SESSION_LOG);
             InProcessSender sender = new InProcessSender(dir.resolve("outputs"), 2)) {
            int localPort;
            try (RawPeer peer = new RawPeer(sender.port())) {
                localPort = peer.localPort();
                peer.helloAs(Role.RECEIVER).send(new Frame.Request(RequestKind.PING)).send(ping(payload));
                assertThat(peer.readUntilClosed()).as("the sender hangs up").isTrue();
            }
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--discard");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            int padding = payload - Frame.Ping.MIN_PAYLOAD;
            sender.awaitOutcomes(2);
            assertThat(logged.problemsMentioning("127.0.0.1:" + localPort)).singleElement().asString()
                    .endsWith("broke the protocol: PING padding of " + padding + " bytes is outside 0.."
                            + Frame.Ping.MAX_PADDING);
        }
    }

    /** A PING frame with a payload of {@code payload} bytes, written by hand: the codec refuses to make it. */
    private static byte[] ping(int payload) {
        ByteBuffer frame = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH + payload);
        frame.putInt(payload).put(FrameType.PING.code());
        frame.putLong(1).putLong(2).putLong(0).putLong(7);
        return frame.array();
    }
}
