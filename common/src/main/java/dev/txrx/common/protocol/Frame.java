package dev.txrx.common.protocol;

import dev.txrx.common.text.Printable;
import static dev.txrx.common.protocol.FrameCodec.STRING_LENGTH_FIELD;
import static dev.txrx.common.protocol.FrameCodec.UUID_LENGTH;
import static dev.txrx.common.protocol.FrameCodec.checkMode;
import static dev.txrx.common.protocol.FrameCodec.checkName;
import static dev.txrx.common.protocol.FrameCodec.checkNonNegative;
import static dev.txrx.common.protocol.FrameCodec.checkText;
import static dev.txrx.common.protocol.FrameCodec.checkU16;
import static dev.txrx.common.protocol.FrameCodec.checkU32;
import static dev.txrx.common.protocol.FrameCodec.getString;
import static dev.txrx.common.protocol.FrameCodec.getU16;
import static dev.txrx.common.protocol.FrameCodec.getU32;
import static dev.txrx.common.protocol.FrameCodec.getU8;
import static dev.txrx.common.protocol.FrameCodec.getUuid;
import static dev.txrx.common.protocol.FrameCodec.getZeroOrOne;
import static dev.txrx.common.protocol.FrameCodec.putString;
import static dev.txrx.common.protocol.FrameCodec.putUuid;
import static dev.txrx.common.protocol.FrameCodec.putZeroOrOne;
import static dev.txrx.common.protocol.FrameCodec.requireNonNull;
import static dev.txrx.common.protocol.FrameCodec.stringLength;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One frame. Each record is the payload of one {@link FrameType}, field for field, and holds
 * everything about that payload: the offset of each field, the checks on the values (in the
 * compact constructor, the only place a field is checked), {@link #encode} and a static
 * {@code decode} side by side. {@code docs/PROTOCOL.md} gives the rules.
 *
 * <p>A record that breaks a rule cannot be built: the constructor throws
 * {@link InvalidFrameException}, whose message {@link FrameType#decode} reports to the peer as
 * a {@link ProtocolException} when the values came from the wire. Decoding itself checks only
 * what a record cannot hold: the magic, UTF-8, and codes that map to an enum or a boolean. (It
 * also asks {@link Request} to check the count of a GET before the names are read, since the
 * specification makes the count alone the error.)
 *
 * <p>The records stay nested here, one file for twenty, because they are named
 * {@code Frame.Hello}, {@code Frame.FileStart}, ... all over the sender and the receiver.
 */
public sealed interface Frame {

    /** The type of this frame. */
    FrameType type();

    /**
     * The bytes {@link #encode} writes. Exact, unless a string holds an unpaired surrogate:
     * UTF-8 then writes {@code ?} (1 byte) where this counts 3, so it is an upper bound.
     */
    int payloadLength();

    /** Appends this frame's payload (not the header) to {@code out}, which must have room for it. */
    void encode(ByteBuffer out);

    /**
     * HELLO: the first frame each peer sends. In version 2 it names the session the peer
     * continues (nil for none) and carries the access token the connecting side presents (empty
     * for none); the token is a secret, so {@link #toString()} never shows it.
     */
    record Hello(int version, Role role, String agent, UUID session, String token) implements Frame {
        /** Offset of {@code magic}, a u32: {@link FrameFormat#MAGIC}. */
        public static final int MAGIC_OFFSET = 0;
        /** Offset of {@code version}, a u16. */
        public static final int VERSION_OFFSET = MAGIC_OFFSET + Integer.BYTES;
        /** Offset of {@code role}, a u8. */
        public static final int ROLE_OFFSET = VERSION_OFFSET + Short.BYTES;
        /** Offset of {@code flags}, a u8 reserved for later versions. */
        public static final int FLAGS_OFFSET = ROLE_OFFSET + Byte.BYTES;
        /** Offset of {@code agent}, a string. */
        public static final int AGENT_OFFSET = FLAGS_OFFSET + Byte.BYTES;
        /**
         * The smallest payload a reader accepts: an empty agent and nothing after it, as a
         * version 1 peer may send, so that it can be told which version this side speaks.
         */
        public static final int MIN_PAYLOAD = AGENT_OFFSET + STRING_LENGTH_FIELD;
        /** The nil id, which names no session. */
        private static final UUID NO_SESSION = new UUID(0, 0);

        public Hello {
            checkU16(FrameType.HELLO, "version", version);
            requireNonNull(FrameType.HELLO, "role", role);
            checkText(FrameType.HELLO, "agent", agent);
            if (NO_SESSION.equals(session)) {
                session = null;
            }
            checkText(FrameType.HELLO, "token", token, FrameFormat.MAX_TOKEN_LENGTH);
        }

        /** A HELLO that names no session and presents no token. */
        public Hello(int version, Role role, String agent) {
            this(version, role, agent, null, "");
        }

        /** A HELLO that continues {@code session} (null: none) and presents no token. */
        public Hello(int version, Role role, String agent, UUID session) {
            this(version, role, agent, session, "");
        }

        @Override
        public FrameType type() {
            return FrameType.HELLO;
        }

        @Override
        public int payloadLength() {
            return AGENT_OFFSET + stringLength(agent) + UUID_LENGTH + stringLength(token);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt(FrameFormat.MAGIC).putShort((short) version).put((byte) role.code()).put((byte) 0);
            putString(out, agent);
            putUuid(out, session == null ? NO_SESSION : session);
            putString(out, token);
        }

        /**
         * Decodes a HELLO payload. A wrong magic is a protocol error here; as a connection's
         * first bytes, {@link FrameReader#readHello} reports it as a foreign peer before this.
         * From version 2 on {@code session} and {@code token} are always there; a version 1
         * HELLO, which ends after the agent or an optional session, still decodes, so that it can
         * be refused by its version.
         */
        public static Hello decode(ByteBuffer in) throws ProtocolException {
            int magic = in.getInt();
            if (magic != FrameFormat.MAGIC) {
                throw new ProtocolException(String.format("HELLO has magic 0x%08x, expected 0x%08x",
                        magic, FrameFormat.MAGIC));
            }
            int version = getU16(in);
            Role role = Role.fromCode(getU8(in));
            in.get(); // flags: reserved, ignored
            String agent = getString(in, FrameType.HELLO, "agent");
            if (version < 2) {
                // version 1: the session was an optional trailing field, and there was no token
                return new Hello(version, role, agent, in.remaining() >= UUID_LENGTH ? getUuid(in) : null, "");
            }
            UUID session = getUuid(in);
            return new Hello(version, role, agent, session, getString(in, FrameType.HELLO, "token"));
        }

        /** True when the peer presented an access token. */
        public boolean hasToken() {
            return !token.isEmpty();
        }

        @Override
        public String toString() {
            return "Hello[version=" + version + ", role=" + role + ", agent=" + agent + ", session=" + session
                    + ", token=" + (token.isEmpty() ? "none" : "hidden") + "]";
        }
    }

    /** ERROR: a fatal condition, with a machine-readable code and a reason for a person. */
    record Error(ErrorCode code, String message) implements Frame {
        /** Offset of {@code code}, a u16. */
        public static final int CODE_OFFSET = 0;
        /** Offset of {@code message}, a string. */
        public static final int MESSAGE_OFFSET = CODE_OFFSET + Short.BYTES;
        /** The smallest payload: an empty message. */
        public static final int MIN_PAYLOAD = MESSAGE_OFFSET + STRING_LENGTH_FIELD;

        public Error {
            requireNonNull(FrameType.ERROR, "code", code);
            checkText(FrameType.ERROR, "message", message);
        }

        /** An ERROR whose message is cut, on a character boundary, to fit the text limit. */
        public static Error truncating(ErrorCode code, String message) {
            return new Error(code, FrameCodec.truncateUtf8(message, FrameFormat.MAX_TEXT_LENGTH));
        }

        @Override
        public FrameType type() {
            return FrameType.ERROR;
        }

        @Override
        public int payloadLength() {
            return MESSAGE_OFFSET + stringLength(message);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putShort((short) code.code());
            putString(out, message);
        }

        /** Decodes an ERROR payload; an unknown code reads as {@link ErrorCode#UNKNOWN}. */
        public static Error decode(ByteBuffer in) throws ProtocolException {
            return new Error(ErrorCode.fromCode(getU16(in)), getString(in, FrameType.ERROR, "message"));
        }
    }

    /**
     * REQUEST: what the receiving peer asks of the sending peer.
     *
     * @param names    the entries asked for with {@link RequestKind#GET}; empty for the other kinds
     * @param excludes version 3: glob patterns ({@link Glob}) of the entries to leave out of FILES,
     *                 LIST or GET; empty for none, and always for PING. Sent only when not empty.
     */
    record Request(RequestKind kind, List<String> names, List<String> excludes) implements Frame {
        /** Offset of {@code kind}, a u8. */
        public static final int KIND_OFFSET = 0;
        /** Offset of {@code count}, a u16: GET only. */
        public static final int COUNT_OFFSET = KIND_OFFSET + Byte.BYTES;
        /** Offset of the first of {@code names}, strings: GET only. */
        public static final int NAMES_OFFSET = COUNT_OFFSET + Short.BYTES;
        /** The smallest payload: a kind other than GET, which carries nothing else. */
        public static final int MIN_PAYLOAD = COUNT_OFFSET;

        public Request {
            requireNonNull(FrameType.REQUEST, "kind", kind);
            names = List.copyOf(names);
            excludes = List.copyOf(excludes);
            if (kind != RequestKind.GET && !names.isEmpty()) {
                throw new InvalidFrameException("REQUEST " + kind + " carries names; only GET does");
            }
            if (kind == RequestKind.PING && !excludes.isEmpty()) {
                throw new InvalidFrameException("REQUEST PING carries excludes");
            }
            checkCount(names.size());
            for (String name : names) {
                checkName(FrameType.REQUEST, "GET name", name);
            }
            checkExcludes(excludes.size());
            for (String pattern : excludes) {
                checkName(FrameType.REQUEST, "exclude", pattern);
                try {
                    Glob.of(pattern);
                } catch (IllegalArgumentException e) {
                    throw new InvalidFrameException("REQUEST exclude \"" + Printable.escape(pattern) + "\": " + e.getMessage());
                }
            }
            int length = payloadLength(kind, names, excludes);
            if (length > FrameType.REQUEST.maxPayload()) {
                throw new InvalidFrameException("REQUEST GET payload of " + length
                        + " bytes is more than the limit of " + FrameType.REQUEST.maxPayload());
            }
        }

        /** A request without names: FILES, LIST or PING (or GET of everything). */
        public Request(RequestKind kind) {
            this(kind, List.of(), List.of());
        }

        /** A request that excludes nothing. */
        public Request(RequestKind kind, List<String> names) {
            this(kind, names, List.of());
        }

        private static void checkExcludes(int count) {
            if (count > FrameFormat.MAX_EXCLUDES) {
                throw new InvalidFrameException("REQUEST has " + count + " excludes, more than the limit of "
                        + FrameFormat.MAX_EXCLUDES);
            }
        }

        /** The constructor's check of how many names a GET holds; decoding makes it on the count alone. */
        private static void checkCount(int count) {
            if (count > FrameFormat.MAX_REQUESTED_NAMES) {
                throw new InvalidFrameException("REQUEST GET names " + count + " entries, more than the limit of "
                        + FrameFormat.MAX_REQUESTED_NAMES);
            }
        }

        private static int payloadLength(RequestKind kind, List<String> names, List<String> excludes) {
            int length = COUNT_OFFSET;
            if (kind == RequestKind.GET) {
                length = NAMES_OFFSET;
                for (String name : names) {
                    length += stringLength(name);
                }
            }
            if (!excludes.isEmpty()) {
                length += Short.BYTES;
                for (String pattern : excludes) {
                    length += stringLength(pattern);
                }
            }
            return length;
        }

        @Override
        public FrameType type() {
            return FrameType.REQUEST;
        }

        @Override
        public int payloadLength() {
            return payloadLength(kind, names, excludes);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) kind.code());
            if (kind == RequestKind.GET) {
                out.putShort((short) names.size());
                for (String name : names) {
                    putString(out, name);
                }
            }
            if (!excludes.isEmpty()) {
                out.putShort((short) excludes.size());
                for (String pattern : excludes) {
                    putString(out, pattern);
                }
            }
        }

        /**
         * Decodes a REQUEST payload; an unknown kind is refused with code UNSUPPORTED_REQUEST. After
         * the fields of FILES, LIST and GET, version 3's excludes may follow; a PING ignores what
         * follows its kind.
         */
        public static Request decode(ByteBuffer in) throws ProtocolException {
            RequestKind kind = RequestKind.fromCode(getU8(in));
            if (kind == RequestKind.PING) {
                FrameCodec.skipRest(in);
                return new Request(kind);
            }
            List<String> names = List.of();
            if (kind == RequestKind.GET) {
                int count = getU16(in);
                // before the names are read: the count alone is the error, whatever follows it
                checkCount(count);
                names = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    names.add(getString(in, FrameType.REQUEST, "GET name"));
                }
            }
            if (!in.hasRemaining()) {
                return new Request(kind, names);
            }
            int count = getU16(in);
            checkExcludes(count);
            List<String> excludes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                excludes.add(getString(in, FrameType.REQUEST, "exclude"));
            }
            FrameCodec.skipRest(in);
            return new Request(kind, names, excludes);
        }
    }

    /**
     * FILE_START: a file follows. Its data covers bytes {@code offset} to {@code size - 1}.
     *
     * @param mtimeMillis last modification, milliseconds since the epoch, 0 if unknown
     * @param mode        POSIX permission bits (for example 0644), 0 if unknown
     */
    record FileStart(long id, long size, long offset, long mtimeMillis, int mode, String name)
            implements Frame {
        /** Version 3: a {@code size} the sending peer does not know, all ones on the wire; FILE_END gives it. */
        public static final long UNKNOWN_SIZE = -1;
        /** Offset of {@code id}, a u32. */
        public static final int ID_OFFSET = 0;
        /** Offset of {@code size}, a u64 below 2^63. */
        public static final int SIZE_OFFSET = ID_OFFSET + Integer.BYTES;
        /** Offset of {@code offset}, a u64 from 0 to size. */
        public static final int OFFSET_OFFSET = SIZE_OFFSET + Long.BYTES;
        /** Offset of {@code mtime}, an i64. */
        public static final int MTIME_OFFSET = OFFSET_OFFSET + Long.BYTES;
        /** Offset of {@code mode}, a u32 below 2^31. */
        public static final int MODE_OFFSET = MTIME_OFFSET + Long.BYTES;
        /** Offset of {@code name}, a string. */
        public static final int NAME_OFFSET = MODE_OFFSET + Integer.BYTES;
        /** The smallest payload: the fixed fields and the count of an empty name. */
        public static final int MIN_PAYLOAD = NAME_OFFSET + STRING_LENGTH_FIELD;

        public FileStart {
            checkU32(FrameType.FILE_START, "id", id);
            if (size != UNKNOWN_SIZE) {
                checkNonNegative(FrameType.FILE_START, "size", size);
            } else if (offset != 0) {
                throw new InvalidFrameException("FILE_START offset " + Long.toUnsignedString(offset)
                        + " of a file of unknown size");
            }
            if (offset < 0 || (size != UNKNOWN_SIZE && offset > size)) {
                throw new InvalidFrameException("FILE_START offset " + Long.toUnsignedString(offset)
                        + " is beyond the size " + size);
            }
            checkMode(FrameType.FILE_START, mode);
            checkName(FrameType.FILE_START, "name", name);
        }

        /** True when the sending peer announced the file's size; false for a stream of unknown size. */
        public boolean sizeKnown() {
            return size != UNKNOWN_SIZE;
        }

        @Override
        public FrameType type() {
            return FrameType.FILE_START;
        }

        @Override
        public int payloadLength() {
            return NAME_OFFSET + stringLength(name);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt((int) id).putLong(size).putLong(offset).putLong(mtimeMillis).putInt(mode);
            putString(out, name);
        }

        /** Decodes a FILE_START payload. */
        public static FileStart decode(ByteBuffer in) throws ProtocolException {
            return new FileStart(getU32(in), in.getLong(), in.getLong(), in.getLong(), in.getInt(),
                    getString(in, FrameType.FILE_START, "name"));
        }
    }

    /**
     * FILE_DATA: a run of content bytes of file {@code id}. A reader may deliver one frame's
     * payload as several consecutive records; their concatenation is the frame's data. The
     * buffer is only valid until the next read.
     */
    record FileData(long id, ByteBuffer data) implements Frame {
        /** Offset of {@code id}, a u32. */
        public static final int ID_OFFSET = 0;
        /** Offset of {@code data}: every byte from here to the end of the payload. */
        public static final int DATA_OFFSET = ID_OFFSET + Integer.BYTES;
        /** The smallest payload: the id and no data. */
        public static final int MIN_PAYLOAD = DATA_OFFSET;

        public FileData {
            checkU32(FrameType.FILE_DATA, "id", id);
            requireNonNull(FrameType.FILE_DATA, "data", data);
        }

        @Override
        public FrameType type() {
            return FrameType.FILE_DATA;
        }

        /** The id and the remaining bytes of {@code data}: more than one frame holds if the data is long. */
        @Override
        public int payloadLength() {
            return DATA_OFFSET + data.remaining();
        }

        /** Appends the id and the remaining bytes of {@code data}, leaving {@code data} as it was. */
        @Override
        public void encode(ByteBuffer out) {
            int length = data.remaining();
            out.putInt((int) id);
            // an absolute copy moves neither buffer and, unlike a duplicate, allocates nothing
            out.put(out.position(), data, data.position(), length);
            out.position(out.position() + length);
        }

        /** Decodes a whole FILE_DATA payload; its data is a slice of {@code in}, not a copy. */
        public static FileData decode(ByteBuffer in) {
            long id = getU32(in);
            ByteBuffer data = in.slice();
            in.position(in.limit());
            return new FileData(id, data);
        }
    }

    /**
     * FILE_END: file {@code id} is complete; {@code crc32c} covers its whole content.
     *
     * @param size version 3: how many bytes the file had, required after a FILE_START of unknown
     *             size; {@link #NO_SIZE} when the frame does not carry it
     */
    record FileEnd(long id, int crc32c, long size) implements Frame {
        /** A FILE_END without {@code size}: 8 bytes, as in version 2. */
        public static final long NO_SIZE = -1;
        /** Offset of {@code id}, a u32. */
        public static final int ID_OFFSET = 0;
        /** Offset of {@code crc32c}, a u32. */
        public static final int CRC32C_OFFSET = ID_OFFSET + Integer.BYTES;
        /** Offset of {@code size}, a u64 below 2^63: version 3, optional. */
        public static final int SIZE_OFFSET = CRC32C_OFFSET + Integer.BYTES;
        /** The smallest payload: id and crc32c. */
        public static final int MIN_PAYLOAD = SIZE_OFFSET;

        public FileEnd {
            checkU32(FrameType.FILE_END, "id", id);
            if (size != NO_SIZE) {
                checkNonNegative(FrameType.FILE_END, "size", size);
            }
        }

        /** A FILE_END that does not say the size, as every FILE_END of a file whose size FILE_START gave. */
        public FileEnd(long id, int crc32c) {
            this(id, crc32c, NO_SIZE);
        }

        /** True when it carries {@code size}. */
        public boolean hasSize() {
            return size != NO_SIZE;
        }

        @Override
        public FrameType type() {
            return FrameType.FILE_END;
        }

        @Override
        public int payloadLength() {
            return hasSize() ? SIZE_OFFSET + Long.BYTES : MIN_PAYLOAD;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt((int) id).putInt(crc32c);
            if (hasSize()) {
                out.putLong(size);
            }
        }

        /** Decodes a FILE_END payload: 8 bytes, or 16 and more with {@code size}. */
        public static FileEnd decode(ByteBuffer in) throws ProtocolException {
            long id = getU32(in);
            int crc32c = in.getInt();
            if (!in.hasRemaining()) {
                return new FileEnd(id, crc32c);
            }
            if (in.remaining() < Long.BYTES) {
                throw new ProtocolException("FILE_END size is " + in.remaining() + " bytes, not " + Long.BYTES);
            }
            FileEnd end = new FileEnd(id, crc32c, in.getLong());
            FrameCodec.skipRest(in);
            return end;
        }
    }

    /**
     * DIRECTORY: a directory of the tree being sent, which may be empty. It comes before the
     * entries inside it.
     *
     * @param mtimeMillis last modification, milliseconds since the epoch, 0 if unknown
     * @param mode        POSIX permission bits, 0 if unknown
     */
    record Directory(long mtimeMillis, int mode, String name) implements Frame {
        /** Offset of {@code mtime}, an i64. */
        public static final int MTIME_OFFSET = 0;
        /** Offset of {@code mode}, a u32 below 2^31. */
        public static final int MODE_OFFSET = MTIME_OFFSET + Long.BYTES;
        /** Offset of {@code name}, a string. */
        public static final int NAME_OFFSET = MODE_OFFSET + Integer.BYTES;
        /** The smallest payload: the fixed fields and the count of an empty name. */
        public static final int MIN_PAYLOAD = NAME_OFFSET + STRING_LENGTH_FIELD;

        public Directory {
            checkMode(FrameType.DIRECTORY, mode);
            checkName(FrameType.DIRECTORY, "name", name);
        }

        @Override
        public FrameType type() {
            return FrameType.DIRECTORY;
        }

        @Override
        public int payloadLength() {
            return NAME_OFFSET + stringLength(name);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putLong(mtimeMillis).putInt(mode);
            putString(out, name);
        }

        /** Decodes a DIRECTORY payload. */
        public static Directory decode(ByteBuffer in) throws ProtocolException {
            return new Directory(in.getLong(), in.getInt(), getString(in, FrameType.DIRECTORY, "name"));
        }
    }

    /** ENTRY: one file or directory of the sending peer's catalogue. */
    record Entry(boolean directory, long size, long mtimeMillis, int mode, String name) implements Frame {
        /** Offset of {@code kind}, a u8: 0 file, 1 directory. */
        public static final int KIND_OFFSET = 0;
        /** Offset of {@code size}, a u64 below 2^63. */
        public static final int SIZE_OFFSET = KIND_OFFSET + Byte.BYTES;
        /** Offset of {@code mtime}, an i64. */
        public static final int MTIME_OFFSET = SIZE_OFFSET + Long.BYTES;
        /** Offset of {@code mode}, a u32 below 2^31. */
        public static final int MODE_OFFSET = MTIME_OFFSET + Long.BYTES;
        /** Offset of {@code name}, a string. */
        public static final int NAME_OFFSET = MODE_OFFSET + Integer.BYTES;
        /** The smallest payload: the fixed fields and the count of an empty name. */
        public static final int MIN_PAYLOAD = NAME_OFFSET + STRING_LENGTH_FIELD;

        public Entry {
            checkNonNegative(FrameType.ENTRY, "size", size);
            checkMode(FrameType.ENTRY, mode);
            checkName(FrameType.ENTRY, "name", name);
        }

        @Override
        public FrameType type() {
            return FrameType.ENTRY;
        }

        @Override
        public int payloadLength() {
            return NAME_OFFSET + stringLength(name);
        }

        @Override
        public void encode(ByteBuffer out) {
            putZeroOrOne(out, directory);
            out.putLong(size).putLong(mtimeMillis).putInt(mode);
            putString(out, name);
        }

        /** Decodes an ENTRY payload; a kind other than 0 or 1 is a protocol error. */
        public static Entry decode(ByteBuffer in) throws ProtocolException {
            boolean directory = getZeroOrOne(in, FrameType.ENTRY, "kind") == 1;
            return new Entry(directory, in.getLong(), in.getLong(), in.getInt(),
                    getString(in, FrameType.ENTRY, "name"));
        }
    }

    /** MISSING: a name asked for that the sending peer does not have. */
    record Missing(String name) implements Frame {
        /** Offset of {@code name}, a string. */
        public static final int NAME_OFFSET = 0;
        /** The smallest payload: the count of an empty name. */
        public static final int MIN_PAYLOAD = NAME_OFFSET + STRING_LENGTH_FIELD;

        public Missing {
            checkName(FrameType.MISSING, "name", name);
        }

        @Override
        public FrameType type() {
            return FrameType.MISSING;
        }

        @Override
        public int payloadLength() {
            return NAME_OFFSET + stringLength(name);
        }

        @Override
        public void encode(ByteBuffer out) {
            putString(out, name);
        }

        /** Decodes a MISSING payload. */
        public static Missing decode(ByteBuffer in) throws ProtocolException {
            return new Missing(getString(in, FrameType.MISSING, "name"));
        }
    }

    /**
     * RESUME: the receiving peer asks to continue session {@code session}; {@code haves} HAVE
     * frames follow, one per file it holds, then (version 3) {@code copies} COPY frames, one per
     * file it already has under a name it asks for.
     *
     * @param flags version 3: {@link #DRY_RUN}, or 0; bits this side does not know are kept and ignored
     */
    record Resume(UUID session, long haves, long copies, int flags) implements Frame {
        /** The flag of a dry run: the sending peer says what it would send, and sends no content. */
        public static final int DRY_RUN = 0x01;
        /** Offset of {@code session}, a UUID. */
        public static final int SESSION_OFFSET = 0;
        /** Offset of {@code haves}, a u32. */
        public static final int HAVES_OFFSET = SESSION_OFFSET + UUID_LENGTH;
        /** Offset of {@code copies}, a u32: version 3. */
        public static final int COPIES_OFFSET = HAVES_OFFSET + Integer.BYTES;
        /** Offset of {@code flags}, a u8: version 3. */
        public static final int FLAGS_OFFSET = COPIES_OFFSET + Integer.BYTES;
        /** The smallest payload: session and haves, as version 2 sends it. */
        public static final int MIN_PAYLOAD = COPIES_OFFSET;
        /** The payload with version 3's fields. */
        public static final int FULL_PAYLOAD = FLAGS_OFFSET + Byte.BYTES;

        public Resume {
            requireNonNull(FrameType.RESUME, "session", session);
            checkU32(FrameType.RESUME, "haves", haves);
            checkU32(FrameType.RESUME, "copies", copies);
            if (flags < 0 || flags > 0xff) {
                throw new InvalidFrameException("RESUME flags " + flags + " are outside 0..255");
            }
        }

        /** A RESUME with no COPY frames and no flags, as version 2 knows it. */
        public Resume(UUID session, long haves) {
            this(session, haves, 0, 0);
        }

        /** True when the receiving peer asks for a dry run. */
        public boolean dryRun() {
            return (flags & DRY_RUN) != 0;
        }

        @Override
        public FrameType type() {
            return FrameType.RESUME;
        }

        /** 20 bytes when {@code copies} and {@code flags} are both 0, which is how they are then sent. */
        @Override
        public int payloadLength() {
            return copies == 0 && flags == 0 ? MIN_PAYLOAD : FULL_PAYLOAD;
        }

        @Override
        public void encode(ByteBuffer out) {
            putUuid(out, session);
            out.putInt((int) haves);
            if (payloadLength() == FULL_PAYLOAD) {
                out.putInt((int) copies).put((byte) flags);
            }
        }

        /** Decodes a RESUME payload: 20 bytes (no copies, no flags), or 25 and more. */
        public static Resume decode(ByteBuffer in) throws ProtocolException {
            UUID session = getUuid(in);
            long haves = getU32(in);
            if (!in.hasRemaining()) {
                return new Resume(session, haves);
            }
            if (in.remaining() < FULL_PAYLOAD - MIN_PAYLOAD) {
                throw new ProtocolException("RESUME copies and flags are " + in.remaining() + " bytes, not "
                        + (FULL_PAYLOAD - MIN_PAYLOAD));
            }
            Resume resume = new Resume(session, haves, getU32(in), getU8(in));
            FrameCodec.skipRest(in);
            return resume;
        }
    }

    /**
     * HAVE: a file the receiving peer holds from an earlier attempt.
     *
     * @param held   bytes it holds from the start of the file: {@code size} for a verified file
     * @param crc32c the CRC32C of those {@code held} bytes
     */
    record Have(long id, long size, long mtimeMillis, long held, int crc32c, String name) implements Frame {
        /** Offset of {@code id}, a u32. */
        public static final int ID_OFFSET = 0;
        /** Offset of {@code size}, a u64 below 2^63. */
        public static final int SIZE_OFFSET = ID_OFFSET + Integer.BYTES;
        /** Offset of {@code mtime}, an i64. */
        public static final int MTIME_OFFSET = SIZE_OFFSET + Long.BYTES;
        /** Offset of {@code held}, a u64 from 0 to size. */
        public static final int HELD_OFFSET = MTIME_OFFSET + Long.BYTES;
        /** Offset of {@code crc32c}, a u32. */
        public static final int CRC32C_OFFSET = HELD_OFFSET + Long.BYTES;
        /** Offset of {@code name}, a string. */
        public static final int NAME_OFFSET = CRC32C_OFFSET + Integer.BYTES;
        /** The smallest payload: the fixed fields and the count of an empty name. */
        public static final int MIN_PAYLOAD = NAME_OFFSET + STRING_LENGTH_FIELD;

        public Have {
            checkU32(FrameType.HAVE, "id", id);
            checkNonNegative(FrameType.HAVE, "size", size);
            checkNonNegative(FrameType.HAVE, "held", held);
            checkName(FrameType.HAVE, "name", name);
            if (held > size) {
                throw new InvalidFrameException("HAVE of " + Printable.escape(name) + " holds " + held + " of "
                        + size + " bytes");
            }
        }

        /** True when the whole file is held and verified. */
        public boolean complete() {
            return held == size;
        }

        @Override
        public FrameType type() {
            return FrameType.HAVE;
        }

        @Override
        public int payloadLength() {
            return NAME_OFFSET + stringLength(name);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt((int) id).putLong(size).putLong(mtimeMillis).putLong(held).putInt(crc32c);
            putString(out, name);
        }

        /** Decodes a HAVE payload. */
        public static Have decode(ByteBuffer in) throws ProtocolException {
            return new Have(getU32(in), in.getLong(), in.getLong(), in.getLong(), in.getInt(),
                    getString(in, FrameType.HAVE, "name"));
        }
    }

    /**
     * COPY (version 3): a file the receiving peer already has under a name it asks for, outside
     * the session, so that the sending peer skips it when its own file is the same.
     *
     * @param byContent true when the sending peer is to compare content: {@code crc32c} is the
     *                  CRC32C of the whole copy; false for size and modification time, {@code crc32c} 0
     */
    record Copy(long size, long mtimeMillis, boolean byContent, int crc32c, String name) implements Frame {
        /** Offset of {@code size}, a u64 below 2^63. */
        public static final int SIZE_OFFSET = 0;
        /** Offset of {@code mtime}, an i64. */
        public static final int MTIME_OFFSET = SIZE_OFFSET + Long.BYTES;
        /** Offset of {@code check}, a u8: 0 size and time, 1 content. */
        public static final int CHECK_OFFSET = MTIME_OFFSET + Long.BYTES;
        /** Offset of {@code crc32c}, a u32. */
        public static final int CRC32C_OFFSET = CHECK_OFFSET + Byte.BYTES;
        /** Offset of {@code name}, a string. */
        public static final int NAME_OFFSET = CRC32C_OFFSET + Integer.BYTES;
        /** The smallest payload: the fixed fields and the count of an empty name. */
        public static final int MIN_PAYLOAD = NAME_OFFSET + STRING_LENGTH_FIELD;

        public Copy {
            checkNonNegative(FrameType.COPY, "size", size);
            checkName(FrameType.COPY, "name", name);
        }

        @Override
        public FrameType type() {
            return FrameType.COPY;
        }

        @Override
        public int payloadLength() {
            return NAME_OFFSET + stringLength(name);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putLong(size).putLong(mtimeMillis);
            putZeroOrOne(out, byContent);
            out.putInt(crc32c);
            putString(out, name);
        }

        /** Decodes a COPY payload; a {@code check} other than 0 or 1 is a protocol error. */
        public static Copy decode(ByteBuffer in) throws ProtocolException {
            long size = in.getLong();
            long mtime = in.getLong();
            boolean byContent = getZeroOrOne(in, FrameType.COPY, "check") == 1;
            return new Copy(size, mtime, byContent, in.getInt(), getString(in, FrameType.COPY, "name"));
        }
    }

    /**
     * UP_TO_DATE (version 3): the sending peer does not send file {@code id}, because the receiving
     * peer's COPY of it is the same. It takes the file's place in the session, its totals and its
     * digest, with {@code crc32c} the COPY's.
     */
    record UpToDate(long id, long size, int crc32c, String name) implements Frame {
        /** Offset of {@code id}, a u32. */
        public static final int ID_OFFSET = 0;
        /** Offset of {@code size}, a u64 below 2^63. */
        public static final int SIZE_OFFSET = ID_OFFSET + Integer.BYTES;
        /** Offset of {@code crc32c}, a u32. */
        public static final int CRC32C_OFFSET = SIZE_OFFSET + Long.BYTES;
        /** Offset of {@code name}, a string. */
        public static final int NAME_OFFSET = CRC32C_OFFSET + Integer.BYTES;
        /** The smallest payload: the fixed fields and the count of an empty name. */
        public static final int MIN_PAYLOAD = NAME_OFFSET + STRING_LENGTH_FIELD;

        public UpToDate {
            checkU32(FrameType.UP_TO_DATE, "id", id);
            checkNonNegative(FrameType.UP_TO_DATE, "size", size);
            checkName(FrameType.UP_TO_DATE, "name", name);
        }

        @Override
        public FrameType type() {
            return FrameType.UP_TO_DATE;
        }

        @Override
        public int payloadLength() {
            return NAME_OFFSET + stringLength(name);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt((int) id).putLong(size).putInt(crc32c);
            putString(out, name);
        }

        /** Decodes an UP_TO_DATE payload. */
        public static UpToDate decode(ByteBuffer in) throws ProtocolException {
            return new UpToDate(getU32(in), in.getLong(), in.getInt(), getString(in, FrameType.UP_TO_DATE, "name"));
        }
    }

    /**
     * SESSION_START: the sending peer's first frame of a file session, with the session's totals
     * when the sending peer knows them. A payload that ends after {@code note}, as a version 2 peer
     * built before the totals sends it, means both are {@link #UNKNOWN}.
     *
     * @param session the session's id, to give in RESUME on a later connection
     * @param resumed true when the session continues the one RESUME named
     * @param note    why a RESUME could not be honoured, or empty
     * @param files   the files of the whole session, or {@link #UNKNOWN}
     * @param bytes   the bytes of the whole session's files, or {@link #UNKNOWN}
     */
    record SessionStart(UUID session, boolean resumed, String note, long files, long bytes) implements Frame {
        /** A total the sending peer does not know: all ones on the wire. */
        public static final long UNKNOWN = -1;
        /** Offset of {@code session}, a UUID. */
        public static final int SESSION_OFFSET = 0;
        /** Offset of {@code resumed}, a u8: 0 or 1. */
        public static final int RESUMED_OFFSET = SESSION_OFFSET + UUID_LENGTH;
        /** Offset of {@code note}, a string. */
        public static final int NOTE_OFFSET = RESUMED_OFFSET + Byte.BYTES;
        /** The smallest payload: an empty note, and no totals. */
        public static final int MIN_PAYLOAD = NOTE_OFFSET + STRING_LENGTH_FIELD;
        /** The bytes of the totals after the note: {@code files} and {@code bytes}, each a u64. */
        public static final int TOTALS_LENGTH = 2 * Long.BYTES;

        public SessionStart {
            requireNonNull(FrameType.SESSION_START, "session", session);
            checkText(FrameType.SESSION_START, "note", note);
            checkTotal("files", files);
            checkTotal("bytes", bytes);
        }

        /** A session whose totals are not known. */
        public SessionStart(UUID session, boolean resumed, String note) {
            this(session, resumed, note, UNKNOWN, UNKNOWN);
        }

        private static void checkTotal(String field, long value) {
            if (value != UNKNOWN) {
                checkNonNegative(FrameType.SESSION_START, field, value);
            }
        }

        @Override
        public FrameType type() {
            return FrameType.SESSION_START;
        }

        @Override
        public int payloadLength() {
            return NOTE_OFFSET + stringLength(note) + TOTALS_LENGTH;
        }

        @Override
        public void encode(ByteBuffer out) {
            putUuid(out, session);
            putZeroOrOne(out, resumed);
            putString(out, note);
            out.putLong(files).putLong(bytes);
        }

        /**
         * Decodes a SESSION_START payload; a resumed flag other than 0 or 1, totals cut short, or a
         * total of 2^63 or more other than all ones is a protocol error. Bytes after the totals are
         * a later version's fields, and ignored.
         */
        public static SessionStart decode(ByteBuffer in) throws ProtocolException {
            UUID session = getUuid(in);
            boolean resumed = getZeroOrOne(in, FrameType.SESSION_START, "resumed flag") == 1;
            String note = getString(in, FrameType.SESSION_START, "note");
            if (!in.hasRemaining()) {
                return new SessionStart(session, resumed, note);
            }
            if (in.remaining() < TOTALS_LENGTH) {
                throw new ProtocolException("SESSION_START totals are " + in.remaining() + " bytes, not "
                        + TOTALS_LENGTH);
            }
            SessionStart start = new SessionStart(session, resumed, note, in.getLong(), in.getLong());
            FrameCodec.skipRest(in);
            return start;
        }
    }

    /**
     * PING: a latency probe.
     *
     * @param id            a unique id (the seed's UUID)
     * @param sequence      the probe's number, from 0
     * @param sentNanos     the sending peer's clock when it sent the probe, echoed back unchanged
     * @param paddingLength how many zero bytes follow, to give the probe a payload size
     */
    record Ping(UUID id, long sequence, long sentNanos, int paddingLength) implements Frame {
        /** Offset of {@code id}, a UUID. */
        public static final int ID_OFFSET = 0;
        /** Offset of {@code sequence}, a u64 below 2^63. */
        public static final int SEQUENCE_OFFSET = ID_OFFSET + UUID_LENGTH;
        /** Offset of {@code sent}, an i64. */
        public static final int SENT_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
        /** Offset of the padding: every byte from here to the end of the payload. */
        public static final int PADDING_OFFSET = SENT_OFFSET + Long.BYTES;
        /** The smallest payload: no padding. */
        public static final int MIN_PAYLOAD = PADDING_OFFSET;
        /**
         * The most padding a PING, and so its PONG, may carry: 65,496 bytes, as much as the PONG
         * that echoes it holds after its 40 fixed bytes within the control-frame limit.
         */
        public static final int MAX_PADDING = FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH - Pong.PADDING_OFFSET;

        public Ping {
            checkProbe(FrameType.PING, id, sequence, paddingLength);
        }

        /** The checks a PING and its PONG share. */
        static void checkProbe(FrameType type, UUID id, long sequence, int paddingLength) {
            requireNonNull(type, "id", id);
            checkNonNegative(type, "sequence", sequence);
            if (paddingLength < 0 || paddingLength > MAX_PADDING) {
                throw new InvalidFrameException(type + " padding of " + paddingLength + " bytes is outside 0.."
                        + MAX_PADDING);
            }
        }

        @Override
        public FrameType type() {
            return FrameType.PING;
        }

        @Override
        public int payloadLength() {
            return PADDING_OFFSET + paddingLength;
        }

        @Override
        public void encode(ByteBuffer out) {
            putUuid(out, id);
            out.putLong(sequence).putLong(sentNanos);
            FrameCodec.putZeros(out, paddingLength);
        }

        /** Decodes a PING payload: whatever follows {@code sent} is padding, not looked at. */
        public static Ping decode(ByteBuffer in) {
            return new Ping(getUuid(in), in.getLong(), in.getLong(), FrameCodec.skipRest(in));
        }
    }

    /**
     * PONG: the answer to a PING.
     *
     * @param sinceLastNanos the time between the previous message from this peer (or the REQUEST)
     *                       and this PING, on the answering peer's clock
     */
    record Pong(UUID id, long sequence, long sentNanos, long sinceLastNanos, int paddingLength)
            implements Frame {
        /** Offset of {@code id}, a UUID. */
        public static final int ID_OFFSET = 0;
        /** Offset of {@code sequence}, a u64 below 2^63. */
        public static final int SEQUENCE_OFFSET = ID_OFFSET + UUID_LENGTH;
        /** Offset of {@code sent}, an i64. */
        public static final int SENT_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
        /** Offset of {@code since last}, an i64. */
        public static final int SINCE_LAST_OFFSET = SENT_OFFSET + Long.BYTES;
        /** Offset of the padding: every byte from here to the end of the payload. */
        public static final int PADDING_OFFSET = SINCE_LAST_OFFSET + Long.BYTES;
        /** The smallest payload: no padding. */
        public static final int MIN_PAYLOAD = PADDING_OFFSET;

        public Pong {
            Ping.checkProbe(FrameType.PONG, id, sequence, paddingLength);
        }

        @Override
        public FrameType type() {
            return FrameType.PONG;
        }

        @Override
        public int payloadLength() {
            return PADDING_OFFSET + paddingLength;
        }

        @Override
        public void encode(ByteBuffer out) {
            putUuid(out, id);
            out.putLong(sequence).putLong(sentNanos).putLong(sinceLastNanos);
            FrameCodec.putZeros(out, paddingLength);
        }

        /** Decodes a PONG payload: whatever follows {@code since last} is padding, not looked at. */
        public static Pong decode(ByteBuffer in) {
            return new Pong(getUuid(in), in.getLong(), in.getLong(), in.getLong(), FrameCodec.skipRest(in));
        }
    }

    /** TEXT: a burst of characters in a trickle stream. */
    record Text(String text) implements Frame {
        /** Offset of {@code text}, a string. */
        public static final int TEXT_OFFSET = 0;
        /** The smallest payload: an empty text. */
        public static final int MIN_PAYLOAD = TEXT_OFFSET + STRING_LENGTH_FIELD;

        public Text {
            checkText(FrameType.TEXT, "text", text);
        }

        /**
         * The symbols this burst carries, as STATS counts them: its Unicode code points, so that a
         * character beyond U+FFFF (an emoji) counts once, not as the two UTF-16 units Java holds it in.
         */
        public long symbols() {
            return text.codePointCount(0, text.length());
        }

        @Override
        public FrameType type() {
            return FrameType.TEXT;
        }

        @Override
        public int payloadLength() {
            return TEXT_OFFSET + stringLength(text);
        }

        @Override
        public void encode(ByteBuffer out) {
            putString(out, text);
        }

        /** Decodes a TEXT payload. */
        public static Text decode(ByteBuffer in) throws ProtocolException {
            return new Text(getString(in, FrameType.TEXT, "text"));
        }
    }

    /** STATS_REQUEST: how much has been sent since the previous request? No fields. */
    record StatsRequest() implements Frame {
        /** The payload is empty. */
        public static final int MIN_PAYLOAD = 0;

        @Override
        public FrameType type() {
            return FrameType.STATS_REQUEST;
        }

        @Override
        public int payloadLength() {
            return MIN_PAYLOAD;
        }

        @Override
        public void encode(ByteBuffer out) {
            // no fields
        }

        /** Decodes a STATS_REQUEST payload, which has nothing to decode. */
        public static StatsRequest decode(ByteBuffer in) {
            return new StatsRequest();
        }
    }

    /**
     * STATS: the answer to STATS_REQUEST.
     *
     * @param sinceLast symbols sent between the previous STATS and this one (the stream's start for the first)
     * @param total     symbols sent on this connection
     */
    record Stats(long sinceLast, long total) implements Frame {
        /** Offset of {@code since last}, a u64 below 2^63. */
        public static final int SINCE_LAST_OFFSET = 0;
        /** Offset of {@code total}, a u64 below 2^63. */
        public static final int TOTAL_OFFSET = SINCE_LAST_OFFSET + Long.BYTES;
        /** The payload: both fields. */
        public static final int MIN_PAYLOAD = TOTAL_OFFSET + Long.BYTES;

        public Stats {
            checkNonNegative(FrameType.STATS, "since last", sinceLast);
            checkNonNegative(FrameType.STATS, "total", total);
            if (total < sinceLast) {
                throw new InvalidFrameException("STATS total " + total + " is below its count since the last, "
                        + sinceLast);
            }
        }

        @Override
        public FrameType type() {
            return FrameType.STATS;
        }

        @Override
        public int payloadLength() {
            return MIN_PAYLOAD;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putLong(sinceLast).putLong(total);
        }

        /** Decodes a STATS payload. */
        public static Stats decode(ByteBuffer in) {
            return new Stats(in.getLong(), in.getLong());
        }
    }

    /** LEAVE: the receiving peer ends a stream session. No fields. */
    record Leave() implements Frame {
        /** The payload is empty. */
        public static final int MIN_PAYLOAD = 0;

        @Override
        public FrameType type() {
            return FrameType.LEAVE;
        }

        @Override
        public int payloadLength() {
            return MIN_PAYLOAD;
        }

        @Override
        public void encode(ByteBuffer out) {
            // no fields
        }

        /** Decodes a LEAVE payload, which has nothing to decode. */
        public static Leave decode(ByteBuffer in) {
            return new Leave();
        }
    }

    /** SESSION_END: the sending peer's totals and session digest. */
    record SessionEnd(SessionStatus status, long files, long bytes, byte[] digest, String reason)
            implements Frame {
        /** Offset of {@code status}, a u8. */
        public static final int STATUS_OFFSET = 0;
        /** Offset of {@code files}, a u64 below 2^63. */
        public static final int FILES_OFFSET = STATUS_OFFSET + Byte.BYTES;
        /** Offset of {@code bytes}, a u64 below 2^63. */
        public static final int BYTES_OFFSET = FILES_OFFSET + Long.BYTES;
        /** Offset of {@code digest}, {@link FrameFormat#DIGEST_LENGTH} bytes. */
        public static final int DIGEST_OFFSET = BYTES_OFFSET + Long.BYTES;
        /** Offset of {@code reason}, a string. */
        public static final int REASON_OFFSET = DIGEST_OFFSET + FrameFormat.DIGEST_LENGTH;
        /** The smallest payload: an empty reason. */
        public static final int MIN_PAYLOAD = REASON_OFFSET + STRING_LENGTH_FIELD;

        public SessionEnd {
            requireNonNull(FrameType.SESSION_END, "status", status);
            digest = checkTotals(FrameType.SESSION_END, files, bytes, digest);
            checkText(FrameType.SESSION_END, "reason", reason);
        }

        /** The checks SESSION_END and SESSION_CONFIRM share; returns a copy of the digest to keep. */
        static byte[] checkTotals(FrameType type, long files, long bytes, byte[] digest) {
            checkNonNegative(type, "files", files);
            checkNonNegative(type, "bytes", bytes);
            requireNonNull(type, "digest", digest);
            if (digest.length != FrameFormat.DIGEST_LENGTH) {
                throw new InvalidFrameException(type + " digest is " + digest.length + " bytes, not "
                        + FrameFormat.DIGEST_LENGTH);
            }
            return digest.clone();
        }

        static byte[] getDigest(ByteBuffer in) {
            byte[] digest = new byte[FrameFormat.DIGEST_LENGTH];
            in.get(digest);
            return digest;
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        @Override
        public FrameType type() {
            return FrameType.SESSION_END;
        }

        @Override
        public int payloadLength() {
            return REASON_OFFSET + stringLength(reason);
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) status.code()).putLong(files).putLong(bytes).put(digest);
            putString(out, reason);
        }

        /** Decodes a SESSION_END payload; an unknown status is a protocol error. */
        public static SessionEnd decode(ByteBuffer in) throws ProtocolException {
            return new SessionEnd(SessionStatus.fromCode(getU8(in)), in.getLong(), in.getLong(), getDigest(in),
                    getString(in, FrameType.SESSION_END, "reason"));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SessionEnd e && status == e.status && files == e.files
                    && bytes == e.bytes && Arrays.equals(digest, e.digest) && reason.equals(e.reason);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(files) * 31 + Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "SessionEnd[status=" + status + ", files=" + files + ", bytes=" + bytes
                    + ", digest=" + HexFormat.of().formatHex(digest) + ", reason=" + reason + "]";
        }
    }

    /** SESSION_CONFIRM: the receiving peer's own totals and whether they match. */
    record SessionConfirm(boolean verified, long files, long bytes, byte[] digest) implements Frame {
        /** Offset of {@code status}, a u8: 0 verified, 1 mismatch. */
        public static final int STATUS_OFFSET = 0;
        /** Offset of {@code files}, a u64 below 2^63. */
        public static final int FILES_OFFSET = STATUS_OFFSET + Byte.BYTES;
        /** Offset of {@code bytes}, a u64 below 2^63. */
        public static final int BYTES_OFFSET = FILES_OFFSET + Long.BYTES;
        /** Offset of {@code digest}, {@link FrameFormat#DIGEST_LENGTH} bytes. */
        public static final int DIGEST_OFFSET = BYTES_OFFSET + Long.BYTES;
        /** The payload: every field. */
        public static final int MIN_PAYLOAD = DIGEST_OFFSET + FrameFormat.DIGEST_LENGTH;

        public SessionConfirm {
            digest = SessionEnd.checkTotals(FrameType.SESSION_CONFIRM, files, bytes, digest);
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        @Override
        public FrameType type() {
            return FrameType.SESSION_CONFIRM;
        }

        @Override
        public int payloadLength() {
            return MIN_PAYLOAD;
        }

        @Override
        public void encode(ByteBuffer out) {
            // status 0 is the good one: "verified" is the status byte's zero
            putZeroOrOne(out, !verified);
            out.putLong(files).putLong(bytes).put(digest);
        }

        /** Decodes a SESSION_CONFIRM payload; a status other than 0 or 1 is a protocol error. */
        public static SessionConfirm decode(ByteBuffer in) throws ProtocolException {
            boolean verified = getZeroOrOne(in, FrameType.SESSION_CONFIRM, "status") == 0;
            return new SessionConfirm(verified, in.getLong(), in.getLong(), SessionEnd.getDigest(in));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SessionConfirm c && verified == c.verified && files == c.files
                    && bytes == c.bytes && Arrays.equals(digest, c.digest);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(files) * 31 + Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "SessionConfirm[verified=" + verified + ", files=" + files + ", bytes=" + bytes
                    + ", digest=" + HexFormat.of().formatHex(digest) + "]";
        }
    }
}
