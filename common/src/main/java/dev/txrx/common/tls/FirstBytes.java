package dev.txrx.common.tls;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameType;
import java.nio.ByteBuffer;

/**
 * What the peer's first bytes say, judged before the TLS engine sees any of them: the start of a
 * TLS record, or something else. A TLS record header is content type, then the protocol version
 * (major 3); the listening side's first record must be a handshake record (0x16) of a legacy
 * version from TLS 1.0 (0x0301) to 1.3 (0x0304), as a ClientHello is.
 *
 * <pre>
 *   listening side:  16 03 01..04 ...         connecting side:  14..17 03 ...
 *   a txrx peer without TLS:  LL LL LL LL 01 54 58 52 58 ...  (frame header, HELLO magic "TXRX")
 * </pre>
 */
final class FirstBytes {

    /** What is kept of a peer that is not TLS: a frame header and the HELLO magic. */
    static final int HEAD_LENGTH = FrameFormat.HEADER_LENGTH + Frame.Hello.MAGIC_OFFSET + Integer.BYTES;

    /** What follows a HELLO frame's length field: its type, then the magic. */
    private static final byte[] HELLO_AFTER_LENGTH = ByteBuffer.allocate(HEAD_LENGTH - FrameFormat.TYPE_OFFSET)
            .put(FrameType.HELLO.code()).putInt(FrameFormat.MAGIC).array();

    private static final int HANDSHAKE = 0x16;
    private static final int CHANGE_CIPHER_SPEC = 0x14;
    private static final int APPLICATION_DATA = 0x17;
    private static final int MAJOR_VERSION = 0x03;
    private static final int TLS_1_0 = 0x01;
    private static final int TLS_1_3 = 0x04;

    /** What the bytes so far say. */
    enum Verdict { TLS, NOT_TLS, UNDECIDED }

    private FirstBytes() {
    }

    /** Judges the bytes between {@code buffered}'s position and limit, sent first by the peer. */
    static Verdict judge(ByteBuffer buffered, boolean listening) {
        int at = buffered.position();
        int count = buffered.remaining();
        int needed = listening ? 3 : 2;
        for (int i = 0; i < Math.min(count, needed); i++) {
            int b = buffered.get(at + i) & 0xff;
            boolean fits = switch (i) {
                case 0 -> listening ? b == HANDSHAKE : b >= CHANGE_CIPHER_SPEC && b <= APPLICATION_DATA;
                case 1 -> b == MAJOR_VERSION;
                default -> b >= TLS_1_0 && b <= TLS_1_3;
            };
            if (!fits) {
                return Verdict.NOT_TLS;
            }
        }
        return count >= needed ? Verdict.TLS : Verdict.UNDECIDED;
    }

    /**
     * True when more bytes could still make a txrx HELLO of what is buffered: fewer than
     * {@link #HEAD_LENGTH} bytes, and those after the length field match the HELLO's type and
     * magic so far. Only then is it worth waiting for more before refusing the peer.
     */
    static boolean couldBecomePlainHello(ByteBuffer buffered) {
        int count = buffered.remaining();
        if (count >= HEAD_LENGTH) {
            return false;
        }
        for (int i = FrameFormat.TYPE_OFFSET; i < count; i++) {
            if (buffered.get(buffered.position() + i) != HELLO_AFTER_LENGTH[i - FrameFormat.TYPE_OFFSET]) {
                return false;
            }
        }
        return true;
    }

    /** The first {@link #HEAD_LENGTH} buffered bytes at most, for {@link NotTlsException#head()}. */
    static byte[] head(ByteBuffer buffered) {
        byte[] head = new byte[Math.min(buffered.remaining(), HEAD_LENGTH)];
        buffered.get(buffered.position(), head);
        return head;
    }
}
