package dev.txrx.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The limits section 3 of {@code docs/PROTOCOL.md} gives the fields of HAVE and SESSION_START,
 * met on decoding: each value just inside is read, each just outside is a protocol error
 * (PROTOCOL_VIOLATION) naming the field.
 */
class ResumeFramesLimitsTest {

    private static final long TOO_LARGE = 1L << 63;

    /** A HAVE payload written field by field, so that any value can be put on the wire. */
    private static ByteBuffer have(long size, long held, String name) {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Frame.Have.NAME_OFFSET + FrameCodec.STRING_LENGTH_FIELD + encoded.length)
                .putInt(1).putLong(size).putLong(0).putLong(held).putInt(0)
                .putShort((short) encoded.length).put(encoded).flip();
    }

    private static ByteBuffer sessionStart(int resumed, String note) {
        byte[] encoded = note.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Frame.SessionStart.NOTE_OFFSET + FrameCodec.STRING_LENGTH_FIELD + encoded.length)
                .putLong(1).putLong(2).put((byte) resumed).putShort((short) encoded.length).put(encoded).flip();
    }

    private static void refused(FrameType type, ByteBuffer payload, String message) {
        assertThatThrownBy(() -> type.decode(payload)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION)).hasMessage(message);
    }

    @Test
    void haveNameIsOneTo4096Bytes() throws ProtocolException {
        String longest = "a".repeat(FrameFormat.MAX_NAME_LENGTH);

        assertThat(((Frame.Have) FrameType.HAVE.decode(have(5, 5, longest))).name()).isEqualTo(longest);
        refused(FrameType.HAVE, have(5, 5, longest + "a"), "HAVE name is 4097 bytes, more than the limit of 4096");
        refused(FrameType.HAVE, have(5, 5, ""), "HAVE name is empty");
    }

    @Test
    void haveSizeIsBelow2To63AndHeldIsAtMostTheSize() throws ProtocolException {
        assertThat(FrameType.HAVE.decode(have(Long.MAX_VALUE, Long.MAX_VALUE, "a")))
                .isEqualTo(new Frame.Have(1, Long.MAX_VALUE, 0, Long.MAX_VALUE, 0, "a"));
        assertThat(FrameType.HAVE.decode(have(5, 0, "a"))).isEqualTo(new Frame.Have(1, 5, 0, 0, 0, "a"));
        refused(FrameType.HAVE, have(TOO_LARGE, 0, "a"), "HAVE size 9223372036854775808 is too large");
        refused(FrameType.HAVE, have(5, 6, "a"), "HAVE of a holds 6 of 5 bytes");
        refused(FrameType.HAVE, have(5, TOO_LARGE, "a"), "HAVE held 9223372036854775808 is too large");
    }

    @Test
    void sessionStartNoteIsAtMost1024BytesAndResumedIsZeroOrOne() throws ProtocolException {
        String longest = "n".repeat(FrameFormat.MAX_TEXT_LENGTH);

        assertThat(FrameType.SESSION_START.decode(sessionStart(1, longest)))
                .isEqualTo(new Frame.SessionStart(new UUID(1, 2), true, longest));
        refused(FrameType.SESSION_START, sessionStart(0, longest + "n"),
                "SESSION_START note is 1025 bytes, more than the limit of 1024");
        refused(FrameType.SESSION_START, sessionStart(2, ""), "SESSION_START resumed flag 2 is unknown");
    }
}
