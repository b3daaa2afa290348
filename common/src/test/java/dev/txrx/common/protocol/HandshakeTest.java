package dev.txrx.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import org.junit.jupiter.api.Test;

/** The HELLO exchange: ours goes out first, then the peer's is checked. */
class HandshakeTest {

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final FrameWriter writer = new FrameWriter(Channels.newChannel(sent));

    @Test
    void sendsOurHelloAndReturnsThePeers() throws IOException {
        Frame.Hello peer = new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "peer/1");

        Frame.Hello answer = Handshake.exchange(reader(peer), writer, Role.SENDER, "us/1");

        assertThat(answer).isEqualTo(peer);
        assertThat(sent.toByteArray()).isEqualTo(WireBytes.written(new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "us/1")));
    }

    @Test
    void sendsOurHelloEvenWhenThePeerSaysNothing() {
        assertThatThrownBy(() -> Handshake.exchange(WireBytes.reader(new byte[0]), writer, Role.RECEIVER, "us/1"))
                .isInstanceOf(EOFException.class);
        assertThat(sent.size()).isPositive();
    }

    @Test
    void acceptsPeerOfHigherVersion() throws IOException {
        Frame.Hello peer = new Frame.Hello(0xffff, Role.RECEIVER, "future/9");

        assertThat(Handshake.exchange(reader(peer), writer, Role.SENDER, "us/1")).isEqualTo(peer);
    }

    @Test
    void refusesVersionZeroAsUnsupportedVersion() {
        Frame.Hello peer = new Frame.Hello(0, Role.RECEIVER, "old/0");

        assertThatThrownBy(() -> Handshake.exchange(reader(peer), writer, Role.SENDER, "us/1"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("peer speaks protocol version 0")
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    }

    @Test
    void refusesAVersionOnePeerSayingWhichVersionThisSideSpeaks() {
        Frame.Hello peer = new Frame.Hello(1, Role.RECEIVER, "old/1");

        assertThatThrownBy(() -> Handshake.exchange(reader(peer), writer, Role.SENDER, "us/1"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("peer speaks protocol version 1; this side speaks versions 2 to 3 (upgrade the peer)")
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    }

    @Test
    void theTokenOfOurHelloReachesThePeerButNeverItsText() throws IOException {
        Frame.Hello ours = Handshake.hello(Role.RECEIVER, "us/1", null, "0123456789abcdef0123456789abcdef");

        Handshake.exchange(reader(new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "peer/1")), writer, ours);

        Frame.Hello decoded = (Frame.Hello) WireBytes.reader(sent.toByteArray()).next();
        assertThat(decoded.token()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(decoded.toString()).doesNotContain("0123456789abcdef").contains("token=hidden");
    }

    @Test
    void refusesPeerOfTheSameRole() {
        Frame.Hello peer = new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "other/1");

        assertThatThrownBy(() -> Handshake.exchange(reader(peer), writer, Role.SENDER, "us/1"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("peer is also a sender (other/1)")
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
    }

    private static FrameReader reader(Frame.Hello hello) throws IOException {
        return WireBytes.reader(WireBytes.written(hello));
    }
}
