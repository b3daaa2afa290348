package dev.txrx.common.protocol;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The frame types of {@code docs/PROTOCOL.md} section 3, each with what a reader and a writer
 * need to know of it: its code on the wire, its payload limits, whether it is a control frame
 * and how its payload is decoded. Each constant's name is the type's name as the specification
 * spells it ({@code FILE_START}), and is what logs and error messages show.
 *
 * <p>Each constant draws its payload; offsets count from the first payload byte, the byte
 * after the {@linkplain FrameFormat header}. Every integer is big-endian; a {@code string} is
 * a {@code u16} byte count and that many bytes of UTF-8. The offsets are constants of the
 * frame's record in {@link Frame}, derived from each other, and its {@code encode} and
 * {@code decode} sit next to them.
 *
 * <p>A control frame (every type but FILE_DATA) may carry bytes after the fields drawn here, as
 * a later version may append fields; a decoder ignores them.
 */
public enum FrameType {

    /**
     * HELLO (0x01): the first frame each peer sends, and the only one allowed first.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       4     u32     magic     0x54585258, "TXRX"
     *  4       2     u16     version   the highest version the peer speaks
     *  6       1     u8      role      {@link Role}: 1 SENDER, 2 RECEIVER
     *  7       1     u8      flags     reserved: 0, ignored on receipt
     *  8       2+n   string  agent     the peer's software, at most 1,024 bytes
     * </pre>
     *
     * Smallest payload: 10 bytes. See {@link Frame.Hello}.
     */
    HELLO(0x01, Limit.CONTROL, Frame.Hello.MIN_PAYLOAD, Frame.Hello::decode),

    /**
     * ERROR (0x02): a fatal condition; the peer that sends it closes the connection afterwards.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       2     u16     code      {@link ErrorCode}; an unknown code reads as UNKNOWN
     *  2       2+n   string  message   for a person, at most 1,024 bytes
     * </pre>
     *
     * Smallest payload: 4 bytes. See {@link Frame.Error}.
     */
    ERROR(0x02, Limit.CONTROL, Frame.Error.MIN_PAYLOAD, Frame.Error::decode),

    /**
     * REQUEST (0x03): what the receiving peer asks for, right after the handshake.
     *
     * <pre>
     *  Offset  Size  Type            Field
     *  0       1     u8              kind    {@link RequestKind}: 1 FILES, 2 LIST, 3 GET, 4 PING
     *  1       2     u16             count   GET only: 0 to 1,024 names follow
     *  3       ...   string x count  names   GET only: each 1 to 4,096 bytes
     *  then    2     u16             excludes  version 3, optional, not after PING: 0 to 1,024 patterns follow
     *  then    ...   string x n      patterns  glob patterns, each 1 to 4,096 bytes
     * </pre>
     *
     * Smallest payload: 1 byte (a kind other than GET). See {@link Frame.Request}.
     */
    REQUEST(0x03, Limit.CONTROL, Frame.Request.MIN_PAYLOAD, Frame.Request::decode),

    /**
     * FILE_START (0x10): a file follows; its data covers bytes {@code offset} to {@code size - 1}.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       4     u32     id       the file's id in the session
     *  4       8     u64     size     below 2^63; version 3: all ones for unknown
     *  12      8     u64     offset   the first byte sent, 0 to size; 0 when the size is unknown
     *  20      8     i64     mtime    milliseconds since the epoch, 0 if unknown
     *  28      4     u32     mode     POSIX permission bits, 0 if unknown; below 2^31
     *  32      2+n   string  name     1 to 4,096 bytes
     * </pre>
     *
     * Smallest payload: 34 bytes (the empty name, which decoding refuses). See {@link Frame.FileStart}.
     */
    FILE_START(0x10, Limit.CONTROL, Frame.FileStart.MIN_PAYLOAD, Frame.FileStart::decode),

    /**
     * FILE_DATA (0x11): a run of the open file's content. The only frame that is not a control
     * frame: its payload may take up to 1 MiB, and everything after the id is data.
     *
     * <pre>
     *  Offset  Size        Type   Field
     *  0       4           u32    id     the open file's id
     *  4       length - 4  bytes  data   0 to 1,048,572 bytes
     * </pre>
     *
     * Smallest payload: 4 bytes. See {@link Frame.FileData}.
     */
    FILE_DATA(0x11, Limit.DATA, Frame.FileData.MIN_PAYLOAD, Frame.FileData::decode),

    /**
     * FILE_END (0x12): the open file is complete.
     *
     * <pre>
     *  Offset  Size  Type  Field
     *  0       4     u32   id       the open file's id
     *  4       4     u32   crc32c   CRC32C of the file's whole content
     *  8       8     u64   size     version 3, optional: the file's size; required after a FILE_START of unknown size
     * </pre>
     *
     * Smallest payload: 8 bytes. See {@link Frame.FileEnd}.
     */
    FILE_END(0x12, Limit.CONTROL, Frame.FileEnd.MIN_PAYLOAD, Frame.FileEnd::decode),

    /**
     * DIRECTORY (0x13): a directory of the tree being sent, before anything inside it.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       8     i64     mtime   milliseconds since the epoch, 0 if unknown
     *  8       4     u32     mode    POSIX permission bits, 0 if unknown; below 2^31
     *  12      2+n   string  name    1 to 4,096 bytes
     * </pre>
     *
     * Smallest payload: 14 bytes. See {@link Frame.Directory}.
     */
    DIRECTORY(0x13, Limit.CONTROL, Frame.Directory.MIN_PAYLOAD, Frame.Directory::decode),

    /**
     * ENTRY (0x14): one file or directory of the sending peer's catalogue, answering LIST.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       1     u8      kind    0 file, 1 directory
     *  1       8     u64     size    below 2^63
     *  9       8     i64     mtime   milliseconds since the epoch, 0 if unknown
     *  17      4     u32     mode    POSIX permission bits, 0 if unknown; below 2^31
     *  21      2+n   string  name    1 to 4,096 bytes
     * </pre>
     *
     * Smallest payload: 23 bytes. See {@link Frame.Entry}.
     */
    ENTRY(0x14, Limit.CONTROL, Frame.Entry.MIN_PAYLOAD, Frame.Entry::decode),

    /**
     * MISSING (0x15): a name asked for by REQUEST GET that selects nothing; not an error.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       2+n   string  name   as the GET gave it, 1 to 4,096 bytes
     * </pre>
     *
     * Smallest payload: 2 bytes. See {@link Frame.Missing}.
     */
    MISSING(0x15, Limit.CONTROL, Frame.Missing.MIN_PAYLOAD, Frame.Missing::decode),

    /**
     * RESUME (0x16): after REQUEST FILES or GET, the session to resume; HAVE frames follow.
     *
     * <pre>
     *  Offset  Size  Type   Field
     *  0       16    bytes  session   a UUID, most significant half first; all zeros for a new session
     *  16      4     u32    haves     how many HAVE frames follow
     *  20      4     u32    copies    version 3: how many COPY frames follow the HAVE frames
     *  24      1     u8     flags     version 3: 0x01 dry run
     * </pre>
     *
     * Smallest payload: 20 bytes (no copies, no flags). See {@link Frame.Resume}.
     */
    RESUME(0x16, Limit.CONTROL, Frame.Resume.MIN_PAYLOAD, Frame.Resume::decode),

    /**
     * HAVE (0x17): a file the receiving peer holds from an earlier connection, whole or in part.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       4     u32     id       the file's id in the session
     *  4       8     u64     size     as FILE_START announced it
     *  12      8     i64     mtime    as FILE_START announced it
     *  20      8     u64     held     bytes held from the start, at most size
     *  28      4     u32     crc32c   CRC32C of those held bytes
     *  32      2+n   string  name     1 to 4,096 bytes
     * </pre>
     *
     * Smallest payload: 34 bytes. See {@link Frame.Have}.
     */
    HAVE(0x17, Limit.CONTROL, Frame.Have.MIN_PAYLOAD, Frame.Have::decode),

    /**
     * COPY (0x18, version 3): a file the receiving peer already has under a name it asks for.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       8     u64     size     below 2^63
     *  8       8     i64     mtime    milliseconds since the epoch
     *  16      1     u8      check    0 size and time, 1 content
     *  17      4     u32     crc32c   CRC32C of the whole copy with check 1; 0 with check 0
     *  21      2+n   string  name     1 to 4,096 bytes
     * </pre>
     *
     * Smallest payload: 23 bytes. See {@link Frame.Copy}.
     */
    COPY(0x18, Limit.CONTROL, Frame.Copy.MIN_PAYLOAD, Frame.Copy::decode),

    /**
     * UP_TO_DATE (0x19, version 3): a file not sent, because the receiving peer's copy is the same.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       4     u32     id       the file's id in the session
     *  4       8     u64     size     below 2^63
     *  12      4     u32     crc32c   the COPY's
     *  16      2+n   string  name     1 to 4,096 bytes
     * </pre>
     *
     * Smallest payload: 18 bytes. See {@link Frame.UpToDate}.
     */
    UP_TO_DATE(0x19, Limit.CONTROL, Frame.UpToDate.MIN_PAYLOAD, Frame.UpToDate::decode),

    /**
     * SESSION_END (0x20): the sending peer's totals and session digest.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       1     u8      status   {@link SessionStatus}: 0 COMPLETE, 1 ABORTED
     *  1       8     u64     files    below 2^63
     *  9       8     u64     bytes    below 2^63
     *  17      32    bytes   digest   the session digest (SHA-256)
     *  49      2+n   string  reason   at most 1,024 bytes; empty when COMPLETE
     * </pre>
     *
     * Smallest payload: 51 bytes. See {@link Frame.SessionEnd}.
     */
    SESSION_END(0x20, Limit.CONTROL, Frame.SessionEnd.MIN_PAYLOAD, Frame.SessionEnd::decode),

    /**
     * SESSION_CONFIRM (0x21): the receiving peer's own totals and verdict; the session's last frame.
     *
     * <pre>
     *  Offset  Size  Type   Field
     *  0       1     u8     status   0 verified, 1 mismatch
     *  1       8     u64    files    below 2^63
     *  9       8     u64    bytes    below 2^63
     *  17      32    bytes  digest   the session digest over the files it verified
     * </pre>
     *
     * Smallest payload: 49 bytes. See {@link Frame.SessionConfirm}.
     */
    SESSION_CONFIRM(0x21, Limit.CONTROL, Frame.SessionConfirm.MIN_PAYLOAD, Frame.SessionConfirm::decode),

    /**
     * LEAVE (0x22): the receiving peer leaves a trickle stream. No fields.
     * See {@link Frame.Leave}.
     */
    LEAVE(0x22, Limit.CONTROL, Frame.Leave.MIN_PAYLOAD, Frame.Leave::decode),

    /**
     * SESSION_START (0x23): the sending peer's first frame of a file session.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       16    bytes   session   a UUID, most significant half first
     *  16      1     u8      resumed   1 when it continues the session RESUME named, else 0
     *  17      2+n   string  note      why a RESUME could not be honoured, or empty
     *  19+n    8     u64     files     the session's files; all ones: unknown
     *  27+n    8     u64     bytes     the session's bytes; all ones: unknown
     * </pre>
     *
     * Smallest payload: 19 bytes (a peer that sends no totals); this implementation always sends
     * them, 35 bytes and more. See {@link Frame.SessionStart}.
     */
    SESSION_START(0x23, Limit.CONTROL, Frame.SessionStart.MIN_PAYLOAD, Frame.SessionStart::decode),

    /**
     * PING (0x30): a latency probe from the receiving peer, after REQUEST PING.
     *
     * <pre>
     *  Offset  Size  Type   Field
     *  0       16    bytes  id         a UUID, most significant half first
     *  16      8     u64    sequence   0, 1, 2, ...; below 2^63
     *  24      8     i64    sent       the sender's clock in nanoseconds, echoed unchanged
     *  32      n     bytes  padding    zeros, at most 65,536 - 40 = 65,496 bytes; not looked at
     * </pre>
     *
     * Smallest payload: 32 bytes. Everything after {@code sent} is padding. See {@link Frame.Ping}.
     */
    PING(0x30, Limit.CONTROL, Frame.Ping.MIN_PAYLOAD, Frame.Ping::decode),

    /**
     * PONG (0x31): the answer to a PING.
     *
     * <pre>
     *  Offset  Size  Type   Field
     *  0       16    bytes  id           the PING's id
     *  16      8     u64    sequence     the PING's sequence number
     *  24      8     i64    sent         the PING's sent, unchanged
     *  32      8     i64    since last   nanoseconds since the previous message, on the answering clock
     *  40      n     bytes  padding      as many zeros as the PING carried
     * </pre>
     *
     * Smallest payload: 40 bytes. Everything after {@code since last} is padding. See {@link Frame.Pong}.
     */
    PONG(0x31, Limit.CONTROL, Frame.Pong.MIN_PAYLOAD, Frame.Pong::decode),

    /**
     * STATS_REQUEST (0x40): asks how many symbols were sent since the previous request. No fields.
     * See {@link Frame.StatsRequest}.
     */
    STATS_REQUEST(0x40, Limit.CONTROL, Frame.StatsRequest.MIN_PAYLOAD, Frame.StatsRequest::decode),

    /**
     * STATS (0x41): the answer to STATS_REQUEST.
     *
     * <pre>
     *  Offset  Size  Type  Field
     *  0       8     u64   since last   symbols since the previous STATS; below 2^63
     *  8       8     u64   total        symbols on this connection, at least since last; below 2^63
     * </pre>
     *
     * A symbol is a Unicode code point of a TEXT frame's text ({@link Frame.Text#symbols}).
     * Smallest payload: 16 bytes. See {@link Frame.Stats}.
     */
    STATS(0x41, Limit.CONTROL, Frame.Stats.MIN_PAYLOAD, Frame.Stats::decode),

    /**
     * TEXT (0x42): a burst of a trickle stream.
     *
     * <pre>
     *  Offset  Size  Type    Field
     *  0       2+n   string  text   at most 1,024 bytes
     * </pre>
     *
     * Smallest payload: 2 bytes. See {@link Frame.Text}.
     */
    TEXT(0x42, Limit.CONTROL, Frame.Text.MIN_PAYLOAD, Frame.Text::decode);

    /**
     * Bit that marks a type code as ignorable: a peer that does not know a type with this bit
     * set skips the frame; an unknown type without it (a critical type) is a protocol error.
     */
    public static final int IGNORABLE_BIT = 0x80;

    /** Indexed by the unsigned code; the empty ones are made once, so a lookup allocates nothing. */
    private static final Optional<?>[] BY_CODE = new Optional<?>[1 << Byte.SIZE];

    static {
        Arrays.fill(BY_CODE, Optional.empty());
        for (FrameType type : values()) {
            if (BY_CODE[type.code & 0xff].isPresent()) {
                throw new IllegalStateException("two frame types have the code " + nameOf(type.code));
            }
            BY_CODE[type.code & 0xff] = Optional.of(type);
        }
    }

    private final byte code;
    private final Limit limit;
    private final int minPayload;
    private final Decoder decoder;

    FrameType(int code, Limit limit, int minPayload, Decoder decoder) {
        this.code = (byte) code;
        this.limit = limit;
        this.minPayload = minPayload;
        this.decoder = decoder;
    }

    /** The type of a code, or empty for a code this implementation does not know. */
    @SuppressWarnings("unchecked")
    public static Optional<FrameType> of(byte code) {
        return (Optional<FrameType>) BY_CODE[code & 0xff];
    }

    /** True when a peer that does not know {@code code} must skip its frame rather than fail. */
    public static boolean isIgnorable(byte code) {
        return (code & IGNORABLE_BIT) != 0;
    }

    /** The name of a code for logs and messages: the type's name, or {@code 0x1f} for an unknown code. */
    public static String nameOf(byte code) {
        return of(code).map(FrameType::name).orElseGet(() -> String.format("0x%02x", code & 0xff));
    }

    /**
     * Checks the header of a frame of an unknown type: it may be skipped only if its code is
     * ignorable and its payload within the control-frame limit (the length is checked first).
     *
     * @throws FrameTooLongException if {@code length} is above the control-frame limit
     * @throws ProtocolException     if {@code code} is critical
     */
    public static void requireSkippable(byte code, long length) throws ProtocolException {
        if (length > FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH) {
            throw new FrameTooLongException(code, length, FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
        }
        if (!isIgnorable(code)) {
            throw new ProtocolException("unknown frame type " + nameOf(code) + " (" + length + " payload bytes)");
        }
    }

    /** The byte that stands for this type on the wire. */
    public byte code() {
        return code;
    }

    /** True for every type but FILE_DATA: its payload is at most 64 KiB and is decoded whole. */
    public boolean isControl() {
        return limit == Limit.CONTROL;
    }

    /** The largest payload of this type: 1 MiB for FILE_DATA, 64 KiB for the others. */
    public int maxPayload() {
        return limit.maxPayload;
    }

    /** The smallest payload of this type: its fixed fields, every string empty. */
    public int minPayload() {
        return minPayload;
    }

    /**
     * Checks a declared payload length against this type's limits, from the header alone,
     * before any of the payload is read.
     *
     * @throws FrameTooLongException if it is above {@link #maxPayload()}
     * @throws ProtocolException     if it is below {@link #minPayload()}
     */
    public void checkLength(long length) throws ProtocolException {
        if (length > maxPayload()) {
            throw new FrameTooLongException(code, length, maxPayload());
        }
        if (length < minPayload) {
            // FILE_DATA names what is missing: its only fixed field.
            throw new ProtocolException(this == FILE_DATA
                    ? name() + " payload of " + length + " bytes has no file id"
                    : name() + " payload of " + length + " bytes is too short");
        }
    }

    /**
     * Decodes a payload of this type, from its position to its limit. A field out of range is
     * reported as the record's own check words it, as a {@link ProtocolException}.
     *
     * @throws ProtocolException if the payload is too short for the fields or a field is invalid
     */
    public Frame decode(ByteBuffer payload) throws ProtocolException {
        int length = payload.remaining();
        checkLength(length);
        try {
            return decoder.decode(payload);
        } catch (BufferUnderflowException e) {
            // a string declared more bytes than the payload holds
            throw new ProtocolException(name() + " payload of " + length + " bytes is too short");
        } catch (InvalidFrameException e) {
            // the record refused a field: the peer's fault here, not a caller's
            ProtocolException wire = new ProtocolException(e.getMessage());
            wire.initCause(e);
            throw wire;
        }
    }

    /** How a record is made from its payload. */
    @FunctionalInterface
    interface Decoder {
        Frame decode(ByteBuffer payload) throws ProtocolException;
    }

    /** The two payload limits of section 1, and which types they hold for. */
    private enum Limit {
        CONTROL(FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH),
        DATA(FrameFormat.MAX_PAYLOAD_LENGTH);

        private final int maxPayload;

        Limit(int maxPayload) {
            this.maxPayload = maxPayload;
        }
    }
}
