package dev.txrx.common.protocol;

import dev.txrx.common.text.Printable;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes control frames to bytes and decodes their payloads. Pure: no I/O. Every field is
 * big-endian; strings are a 16-bit byte count followed by that many bytes of UTF-8.
 *
 * <p>Fields are only ever appended to a payload in later versions, so a decoder ignores bytes
 * after the fields it knows.
 */
public final class FrameCodec {

    private FrameCodec() {
    }

    /** The number of bytes {@code text} takes in UTF-8. */
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

    /** Encodes a whole control frame, header included. FILE_DATA is written by {@link FrameWriter}. */
    public static ByteBuffer encode(Frame frame) {
        ByteBuffer payload = ByteBuffer.allocate(FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
        encodePayload(frame, payload);
        payload.flip();
        ByteBuffer whole = ByteBuffer.allocate(FrameFormat.HEADER_LENGTH + payload.remaining());
        whole.putInt(payload.remaining()).put(frame.type()).put(payload).flip();
        return whole;
    }

    /** Appends the payload of a control frame to {@code out}. */
    public static void encodePayload(Frame frame, ByteBuffer out) {
        if (frame instanceof Frame.Hello h) {
            out.putInt(FrameFormat.MAGIC).putShort((short) h.version()).put((byte) h.role().code())
                    .put((byte) 0);
            putString(out, h.agent());
        } else if (frame instanceof Frame.Error e) {
            out.putShort((short) e.code().code());
            putString(out, e.message());
        } else if (frame instanceof Frame.Request r) {
            out.put((byte) r.kind().code());
            if (r.kind() == RequestKind.GET) {
                out.putShort((short) r.names().size());
                for (String name : r.names()) {
                    putString(out, name);
                }
            }
        } else if (frame instanceof Frame.Directory d) {
            out.putLong(d.mtimeMillis()).putInt(d.mode());
            putString(out, d.name());
        } else if (frame instanceof Frame.Entry e) {
            out.put((byte) (e.directory() ? 1 : 0)).putLong(e.size()).putLong(e.mtimeMillis()).putInt(e.mode());
            putString(out, e.name());
        } else if (frame instanceof Frame.Ping p) {
            out.putLong(p.id().getMostSignificantBits()).putLong(p.id().getLeastSignificantBits())
                    .putLong(p.sequence()).putLong(p.sentNanos());
            pad(out, p.paddingLength());
        } else if (frame instanceof Frame.Pong p) {
            out.putLong(p.id().getMostSignificantBits()).putLong(p.id().getLeastSignificantBits())
                    .putLong(p.sequence()).putLong(p.sentNanos()).putLong(p.sinceLastNanos());
            pad(out, p.paddingLength());
        } else if (frame instanceof Frame.Resume r) {
            putUuid(out, r.session());
            out.putInt((int) r.haves());
        } else if (frame instanceof Frame.Have h) {
            out.putInt((int) h.id()).putLong(h.size()).putLong(h.mtimeMillis()).putLong(h.held()).putInt(h.crc32c());
            putString(out, h.name());
        } else if (frame instanceof Frame.SessionStart st) {
            putUuid(out, st.session());
            out.put((byte) (st.resumed() ? 1 : 0));
            putString(out, st.note());
        } else if (frame instanceof Frame.Text t) {
            putString(out, t.text());
        } else if (frame instanceof Frame.Stats st) {
            out.putLong(st.sinceLast()).putLong(st.total());
        } else if (frame instanceof Frame.StatsRequest || frame instanceof Frame.Leave) {
            // no fields
        } else if (frame instanceof Frame.Missing m) {
            putString(out, m.name());
        } else if (frame instanceof Frame.FileStart s) {
            out.putInt((int) s.id()).putLong(s.size()).putLong(s.offset()).putLong(s.mtimeMillis())
                    .putInt(s.mode());
            putString(out, s.name());
        } else if (frame instanceof Frame.FileEnd e) {
            out.putInt((int) e.id()).putInt(e.crc32c());
        } else if (frame instanceof Frame.SessionEnd e) {
            out.put((byte) e.status().code()).putLong(e.files()).putLong(e.bytes()).put(e.digest());
            putString(out, e.reason());
        } else if (frame instanceof Frame.SessionConfirm c) {
            out.put((byte) (c.verified() ? 0 : 1)).putLong(c.files()).putLong(c.bytes()).put(c.digest());
        } else {
            throw new IllegalArgumentException("not a control frame: " + frame.getClass().getSimpleName());
        }
    }

    /**
     * Decodes the payload of a control frame of a known type.
     *
     * @throws ProtocolException if the payload is too short or a field is out of range
     */
    public static Frame decode(byte type, ByteBuffer payload) throws ProtocolException {
        try {
            return switch (type) {
                case FrameFormat.HELLO -> decodeHello(payload);
                case FrameFormat.ERROR -> new Frame.Error(ErrorCode.fromCode(payload.getShort() & 0xffff),
                        getString(payload, FrameFormat.MAX_TEXT_LENGTH, "ERROR message"));
                case FrameFormat.REQUEST -> decodeRequest(payload);
                case FrameFormat.DIRECTORY -> decodeDirectory(payload);
                case FrameFormat.ENTRY -> decodeEntry(payload);
                case FrameFormat.MISSING -> new Frame.Missing(getName(payload, "MISSING name"));
                case FrameFormat.RESUME -> new Frame.Resume(getUuid(payload), payload.getInt() & 0xffff_ffffL);
                case FrameFormat.HAVE -> decodeHave(payload);
                case FrameFormat.SESSION_START -> decodeSessionStart(payload);
                case FrameFormat.TEXT -> new Frame.Text(getString(payload, FrameFormat.MAX_TEXT_LENGTH, "TEXT text"));
                case FrameFormat.STATS_REQUEST -> new Frame.StatsRequest();
                case FrameFormat.LEAVE -> new Frame.Leave();
                case FrameFormat.STATS -> decodeStats(payload);
                case FrameFormat.PING -> new Frame.Ping(new java.util.UUID(payload.getLong(), payload.getLong()),
                        nonNegative(payload.getLong(), "PING sequence"), payload.getLong(), padding(payload));
                case FrameFormat.PONG -> new Frame.Pong(new java.util.UUID(payload.getLong(), payload.getLong()),
                        nonNegative(payload.getLong(), "PONG sequence"), payload.getLong(), payload.getLong(),
                        padding(payload));
                case FrameFormat.FILE_START -> decodeFileStart(payload);
                case FrameFormat.FILE_END -> new Frame.FileEnd(payload.getInt() & 0xffff_ffffL, payload.getInt());
                case FrameFormat.SESSION_END -> decodeSessionEnd(payload);
                case FrameFormat.SESSION_CONFIRM -> decodeSessionConfirm(payload);
                default -> throw new IllegalArgumentException("not a control frame type: "
                        + FrameFormat.typeName(type));
            };
        } catch (BufferUnderflowException e) {
            throw new ProtocolException(FrameFormat.typeName(type) + " payload of "
                    + payload.limit() + " bytes is too short");
        }
    }

    private static Frame decodeHello(ByteBuffer payload) throws ProtocolException {
        int magic = payload.getInt();
        if (magic != FrameFormat.MAGIC) {
            throw new ProtocolException(String.format("HELLO has magic 0x%08x, expected 0x%08x",
                    magic, FrameFormat.MAGIC));
        }
        int version = payload.getShort() & 0xffff;
        Role role = Role.fromCode(payload.get() & 0xff);
        payload.get(); // reserved flags, ignored in version 1
        String agent = getString(payload, FrameFormat.MAX_TEXT_LENGTH, "HELLO agent");
        return new Frame.Hello(version, role, agent);
    }

    private static Frame decodeRequest(ByteBuffer payload) throws ProtocolException {
        RequestKind kind = RequestKind.fromCode(payload.get() & 0xff);
        if (kind != RequestKind.GET) {
            return new Frame.Request(kind);
        }
        int count = payload.getShort() & 0xffff;
        if (count > FrameFormat.MAX_REQUESTED_NAMES) {
            throw new ProtocolException("REQUEST GET names " + count + " entries, more than the limit of "
                    + FrameFormat.MAX_REQUESTED_NAMES);
        }
        java.util.List<String> names = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(getName(payload, "REQUEST GET name"));
        }
        return new Frame.Request(kind, names);
    }

    private static Frame decodeDirectory(ByteBuffer payload) throws ProtocolException {
        long mtime = payload.getLong();
        int mode = payload.getInt();
        if (mode < 0) {
            throw new ProtocolException("DIRECTORY mode " + Integer.toUnsignedString(mode) + " is invalid");
        }
        return new Frame.Directory(mtime, mode, getName(payload, "DIRECTORY name"));
    }

    private static Frame decodeEntry(ByteBuffer payload) throws ProtocolException {
        int kind = payload.get() & 0xff;
        if (kind > 1) {
            throw new ProtocolException("ENTRY kind " + kind + " is unknown");
        }
        long size = nonNegative(payload.getLong(), "ENTRY size");
        long mtime = payload.getLong();
        int mode = payload.getInt();
        if (mode < 0) {
            throw new ProtocolException("ENTRY mode " + Integer.toUnsignedString(mode) + " is invalid");
        }
        return new Frame.Entry(kind == 1, size, mtime, mode, getName(payload, "ENTRY name"));
    }

    private static Frame decodeHave(ByteBuffer payload) throws ProtocolException {
        long id = payload.getInt() & 0xffff_ffffL;
        long size = nonNegative(payload.getLong(), "HAVE size");
        long mtime = payload.getLong();
        long held = nonNegative(payload.getLong(), "HAVE held");
        int crc = payload.getInt();
        String name = getName(payload, "HAVE name");
        if (held > size) {
            throw new ProtocolException("HAVE of " + Printable.escape(name) + " holds " + held + " of " + size + " bytes");
        }
        return new Frame.Have(id, size, mtime, held, crc, name);
    }

    private static Frame decodeSessionStart(ByteBuffer payload) throws ProtocolException {
        java.util.UUID session = getUuid(payload);
        int resumed = payload.get() & 0xff;
        if (resumed > 1) {
            throw new ProtocolException("SESSION_START resumed flag " + resumed + " is unknown");
        }
        return new Frame.SessionStart(session, resumed == 1,
                getString(payload, FrameFormat.MAX_TEXT_LENGTH, "SESSION_START note"));
    }

    private static void putUuid(ByteBuffer out, java.util.UUID id) {
        out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static java.util.UUID getUuid(ByteBuffer in) {
        return new java.util.UUID(in.getLong(), in.getLong());
    }

    private static Frame decodeStats(ByteBuffer payload) throws ProtocolException {
        long sinceLast = nonNegative(payload.getLong(), "STATS since last");
        long total = nonNegative(payload.getLong(), "STATS total");
        if (total < sinceLast) {
            throw new ProtocolException("STATS total " + total + " is below its count since the last, " + sinceLast);
        }
        return new Frame.Stats(sinceLast, total);
    }

    private static final byte[] ZEROS = new byte[4096];

    private static void pad(ByteBuffer out, int length) {
        for (int left = length; left > 0; left -= ZEROS.length) {
            out.put(ZEROS, 0, Math.min(left, ZEROS.length));
        }
    }

    /** Padding is whatever follows the fields; its content is not looked at. */
    private static int padding(ByteBuffer payload) {
        int length = payload.remaining();
        payload.position(payload.limit());
        return length;
    }

    private static String getName(ByteBuffer payload, String what) throws ProtocolException {
        String name = getString(payload, FrameFormat.MAX_NAME_LENGTH, what);
        if (name.isEmpty()) {
            throw new ProtocolException(what + " is empty");
        }
        return name;
    }

    private static Frame decodeFileStart(ByteBuffer payload) throws ProtocolException {
        long id = payload.getInt() & 0xffff_ffffL;
        long size = payload.getLong();
        long offset = payload.getLong();
        long mtime = payload.getLong();
        int mode = payload.getInt();
        String name = getString(payload, FrameFormat.MAX_NAME_LENGTH, "FILE_START name");
        if (size < 0) {
            throw new ProtocolException("FILE_START size " + Long.toUnsignedString(size) + " is too large");
        }
        if (offset < 0 || offset > size) {
            throw new ProtocolException("FILE_START offset " + Long.toUnsignedString(offset)
                    + " is beyond the size " + size);
        }
        if (mode < 0) {
            throw new ProtocolException("FILE_START mode " + Integer.toUnsignedString(mode) + " is invalid");
        }
        if (name.isEmpty()) {
            throw new ProtocolException("FILE_START name is empty");
        }
        return new Frame.FileStart(id, size, offset, mtime, mode, name);
    }

    private static Frame decodeSessionEnd(ByteBuffer payload) throws ProtocolException {
        SessionStatus status = SessionStatus.fromCode(payload.get() & 0xff);
        long files = nonNegative(payload.getLong(), "SESSION_END files");
        long bytes = nonNegative(payload.getLong(), "SESSION_END bytes");
        byte[] digest = new byte[FrameFormat.DIGEST_LENGTH];
        payload.get(digest);
        String reason = getString(payload, FrameFormat.MAX_TEXT_LENGTH, "SESSION_END reason");
        return new Frame.SessionEnd(status, files, bytes, digest, reason);
    }

    private static Frame decodeSessionConfirm(ByteBuffer payload) throws ProtocolException {
        int status = payload.get() & 0xff;
        if (status > 1) {
            throw new ProtocolException("SESSION_CONFIRM status " + status + " is unknown");
        }
        long files = nonNegative(payload.getLong(), "SESSION_CONFIRM files");
        long bytes = nonNegative(payload.getLong(), "SESSION_CONFIRM bytes");
        byte[] digest = new byte[FrameFormat.DIGEST_LENGTH];
        payload.get(digest);
        return new Frame.SessionConfirm(status == 0, files, bytes, digest);
    }

    private static long nonNegative(long value, String what) throws ProtocolException {
        if (value < 0) {
            throw new ProtocolException(what + " " + Long.toUnsignedString(value) + " is too large");
        }
        return value;
    }

    private static void putString(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in, int limit, String what) throws ProtocolException {
        int length = in.getShort() & 0xffff;
        if (length > limit) {
            throw new ProtocolException(what + " is " + length + " bytes, more than the limit of " + limit);
        }
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(what + " is not valid UTF-8");
        }
    }
}
