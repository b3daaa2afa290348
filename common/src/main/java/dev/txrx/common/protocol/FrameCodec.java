package dev.txrx.common.protocol;

import dev.txrx.common.text.Printable;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What the frame records share to encode, decode and check their fields: strings, UUIDs,
 * unsigned integers, and the checks whose messages name the frame type and the field. Also
 * encodes a whole frame, header and payload. Pure: no I/O.
 *
 * <p>The layout of each frame type is its record's; this class knows none of them. Every field
 * is big-endian; a string is a {@code u16} byte count followed by that many bytes of UTF-8.
 */
public final class FrameCodec {

    /** Size of the byte count in front of every string. */
    public static final int STRING_LENGTH_FIELD = Short.BYTES;
    /** Size of a UUID on the wire: the most significant half, then the least. */
    public static final int UUID_LENGTH = 2 * Long.BYTES;

    private static final long MAX_U32 = 0xffff_ffffL;
    private static final int MAX_U16 = 0xffff;
    private static final byte[] ZEROS = new byte[4096];

    private FrameCodec() {
    }

    /**
     * Encodes a whole frame, header included, into a new heap buffer ready to read. A FILE_DATA
     * frame becomes one frame whatever its length; {@link FrameWriter} splits long data.
     */
    public static ByteBuffer encode(Frame frame) {
        ByteBuffer whole = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH + frame.payloadLength());
        encode(frame, whole);
        return whole.flip();
    }

    /**
     * Appends a whole frame, header included, at the position of {@code out}, which must have
     * room for {@link FrameFormat#HEADER_LENGTH} plus {@link Frame#payloadLength()} bytes.
     *
     * @return the length of the payload written
     */
    public static int encode(Frame frame, ByteBuffer out) {
        int start = out.position();
        out.position(start + FrameFormat.HEADER_LENGTH);
        frame.encode(out);
        // measured, not taken from payloadLength(), which is only an upper bound for odd text
        int payloadLength = out.position() - start - FrameFormat.HEADER_LENGTH;
        out.putInt(start + FrameFormat.LENGTH_OFFSET, payloadLength)
                .put(start + FrameFormat.TYPE_OFFSET, frame.type().code());
        return payloadLength;
    }

    /**
     * The number of bytes {@code text} takes in UTF-8. Exact for well-formed text; an unpaired
     * surrogate counts 3 bytes, though encoding writes it as the 1 byte {@code ?}.
     */
    public static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** The longest prefix of {@code text} that takes at most {@code maxBytes} in UTF-8, cut between characters. */
    public static String truncateUtf8(String text, int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        int end = 0;
        int bytes = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    // --- fields on the wire

    /** The bytes a string field takes: its count and its UTF-8 (see {@link #utf8Length}). */
    static int stringLength(String text) {
        return STRING_LENGTH_FIELD + utf8Length(text);
    }

    static void putString(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }

    /**
     * Reads a string field. Its limit is the record's to check; only what the wire alone can get
     * wrong is checked here.
     *
     * @throws BufferUnderflowException if the payload ends before the string's bytes do
     * @throws ProtocolException        if the bytes are not well-formed UTF-8
     */
    static String getString(ByteBuffer in, FrameType type, String field) throws ProtocolException {
        int length = getU16(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(type + " " + field + " is not valid UTF-8");
        }
    }

    static void putUuid(ByteBuffer out, UUID id) {
        out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    static UUID getUuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    static long getU32(ByteBuffer in) {
        return Integer.toUnsignedLong(in.getInt());
    }

    static int getU16(ByteBuffer in) {
        return Short.toUnsignedInt(in.getShort());
    }

    static int getU8(ByteBuffer in) {
        return Byte.toUnsignedInt(in.get());
    }

    /**
     * Reads a {@code u8} that must be 0 or 1, such as the kind of an ENTRY.
     *
     * @throws ProtocolException naming the field and the value, for anything else
     */
    static int getZeroOrOne(ByteBuffer in, FrameType type, String field) throws ProtocolException {
        int value = getU8(in);
        if (value > 1) {
            throw new ProtocolException(type + " " + field + " " + value + " is unknown");
        }
        return value;
    }

    static void putZeroOrOne(ByteBuffer out, boolean one) {
        out.put((byte) (one ? 1 : 0));
    }

    /** Appends {@code count} zero bytes. */
    static void putZeros(ByteBuffer out, int count) {
        for (int left = count; left > 0; left -= ZEROS.length) {
            out.put(ZEROS, 0, Math.min(left, ZEROS.length));
        }
    }

    /** Skips whatever is left of the payload and returns how many bytes that was. */
    static int skipRest(ByteBuffer in) {
        int length = in.remaining();
        in.position(in.limit());
        return length;
    }

    // --- checks for the records' constructors; each throws InvalidFrameException

    static <T> T requireNonNull(FrameType type, String field, T value) {
        if (value == null) {
            throw new InvalidFrameException(type + " " + field + " is null");
        }
        return value;
    }

    static void checkU16(FrameType type, String field, int value) {
        if (value < 0 || value > MAX_U16) {
            throw new InvalidFrameException(type + " " + field + " " + value + " is outside 0.." + MAX_U16);
        }
    }

    static void checkU32(FrameType type, String field, long value) {
        if (value < 0 || value > MAX_U32) {
            throw new InvalidFrameException(type + " " + field + " " + value + " is outside 0.." + MAX_U32);
        }
    }

    /**
     * A {@code u64} count or size, held in a {@code long}: below 2^63. On the wire a larger one
     * reads as negative, so the message shows it unsigned, as the peer sent it.
     */
    static void checkNonNegative(FrameType type, String field, long value) {
        if (value < 0) {
            throw new InvalidFrameException(type + " " + field + " " + Long.toUnsignedString(value) + " is too large");
        }
    }

    /** A POSIX mode, a {@code u32} held in an {@code int}: below 2^31. */
    static void checkMode(FrameType type, int mode) {
        if (mode < 0) {
            throw new InvalidFrameException(type + " mode " + Integer.toUnsignedString(mode) + " is invalid");
        }
    }

    /** An entry name: 1 to {@link FrameFormat#MAX_NAME_LENGTH} bytes. */
    static void checkName(FrameType type, String field, String name) {
        checkText(type, field, name, FrameFormat.MAX_NAME_LENGTH);
        if (name.isEmpty()) {
            throw new InvalidFrameException(type + " " + field + " is empty");
        }
    }

    /** A text: at most {@link FrameFormat#MAX_TEXT_LENGTH} bytes. */
    static void checkText(FrameType type, String field, String text) {
        checkText(type, field, text, FrameFormat.MAX_TEXT_LENGTH);
    }

    /** A text of at most {@code limit} UTF-8 bytes. */
    static void checkText(FrameType type, String field, String text, int limit) {
        requireNonNull(type, field, text);
        int length = utf8Length(text);
        if (length > limit) {
            throw new InvalidFrameException(type + " " + field + " is " + length + " bytes, more than the limit of " + limit);
        }
    }
}
