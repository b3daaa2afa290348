package dev.txrx.common.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One decoded frame. Each record is the payload of one frame type, field for field; see
 * {@link FrameCodec} for the byte layout and {@code docs/PROTOCOL.md} for the rules.
 */
public sealed interface Frame {

    /** The type code of this frame on the wire. */
    byte type();

    /** HELLO: the first frame each peer sends. */
    record Hello(int version, Role role, String agent) implements Frame {
        public Hello {
            checkUnsigned16("version", version);
            if (role == null) {
                throw new IllegalArgumentException("role is null");
            }
            checkText("agent", agent);
        }

        @Override
        public byte type() {
            return FrameFormat.HELLO;
        }
    }

    /** ERROR: a fatal condition, with a machine-readable code and a reason for a person. */
    record Error(ErrorCode code, String message) implements Frame {
        public Error {
            if (code == null) {
                throw new IllegalArgumentException("code is null");
            }
            checkText("message", message);
        }

        /** An ERROR whose message is cut, on a character boundary, to fit the text limit. */
        public static Error truncating(ErrorCode code, String message) {
            return new Error(code, FrameCodec.truncateUtf8(message, FrameFormat.MAX_TEXT_LENGTH));
        }

        @Override
        public byte type() {
            return FrameFormat.ERROR;
        }
    }

    /**
     * REQUEST: what the receiving peer asks of the sending peer.
     *
     * @param names the entries asked for with {@link RequestKind#GET}; empty for the other kinds
     */
    record Request(RequestKind kind, java.util.List<String> names) implements Frame {
        public Request {
            if (kind == null) {
                throw new IllegalArgumentException("kind is null");
            }
            names = java.util.List.copyOf(names);
            if (kind != RequestKind.GET && !names.isEmpty()) {
                throw new IllegalArgumentException("only GET carries names");
            }
            if (names.size() > FrameFormat.MAX_REQUESTED_NAMES) {
                throw new IllegalArgumentException("more than " + FrameFormat.MAX_REQUESTED_NAMES + " names");
            }
            int encoded = Byte.BYTES + Short.BYTES;
            for (String name : names) {
                checkName(name);
                encoded += Short.BYTES + FrameCodec.utf8Length(name);
            }
            if (encoded > FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH) {
                throw new IllegalArgumentException("the names take " + encoded + " bytes, more than one REQUEST holds ("
                        + FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH + ")");
            }
        }

        /** A request without names: FILES or LIST. */
        public Request(RequestKind kind) {
            this(kind, java.util.List.of());
        }

        @Override
        public byte type() {
            return FrameFormat.REQUEST;
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
        public FileStart {
            checkUnsigned32("id", id);
            if (size < 0) {
                throw new IllegalArgumentException("size is negative: " + size);
            }
            if (offset < 0 || offset > size) {
                throw new IllegalArgumentException("offset " + offset + " is outside 0.." + size);
            }
            if (mode < 0) {
                throw new IllegalArgumentException("mode is negative: " + mode);
            }
            checkName(name);
        }

        @Override
        public byte type() {
            return FrameFormat.FILE_START;
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
        public Directory {
            if (mode < 0) {
                throw new IllegalArgumentException("mode is negative: " + mode);
            }
            checkName(name);
        }

        @Override
        public byte type() {
            return FrameFormat.DIRECTORY;
        }
    }

    /** ENTRY: one file or directory of the sending peer's catalogue. */
    record Entry(boolean directory, long size, long mtimeMillis, int mode, String name) implements Frame {
        public Entry {
            if (size < 0 || mode < 0) {
                throw new IllegalArgumentException("size and mode must not be negative");
            }
            checkName(name);
        }

        @Override
        public byte type() {
            return FrameFormat.ENTRY;
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
    record Ping(java.util.UUID id, long sequence, long sentNanos, int paddingLength) implements Frame {
        public Ping {
            checkPing(id, sequence, paddingLength);
        }

        @Override
        public byte type() {
            return FrameFormat.PING;
        }
    }

    /**
     * PONG: the answer to a PING.
     *
     * @param sinceLastNanos the time between the previous message from this peer (or the REQUEST)
     *                       and this PING, on the answering peer's clock
     */
    record Pong(java.util.UUID id, long sequence, long sentNanos, long sinceLastNanos, int paddingLength)
            implements Frame {
        public Pong {
            checkPing(id, sequence, paddingLength);
        }

        @Override
        public byte type() {
            return FrameFormat.PONG;
        }
    }

    /**
     * RESUME: the receiving peer asks to continue session {@code session}; {@code haves} HAVE
     * frames follow, one per file it holds.
     */
    record Resume(java.util.UUID session, long haves) implements Frame {
        public Resume {
            if (session == null) {
                throw new IllegalArgumentException("session is null");
            }
            checkUnsigned32("haves", haves);
        }

        @Override
        public byte type() {
            return FrameFormat.RESUME;
        }
    }

    /**
     * HAVE: a file the receiving peer holds from an earlier attempt.
     *
     * @param held   bytes it holds from the start of the file: {@code size} for a verified file
     * @param crc32c the CRC32C of those {@code held} bytes
     */
    record Have(long id, long size, long mtimeMillis, long held, int crc32c, String name) implements Frame {
        public Have {
            checkUnsigned32("id", id);
            if (size < 0 || held < 0 || held > size) {
                throw new IllegalArgumentException("held " + held + " is outside 0.." + size);
            }
            checkName(name);
        }

        /** True when the whole file is held and verified. */
        public boolean complete() {
            return held == size;
        }

        @Override
        public byte type() {
            return FrameFormat.HAVE;
        }
    }

    /**
     * SESSION_START: the sending peer's first frame of a file session.
     *
     * @param session the session's id, to give in RESUME on a later connection
     * @param resumed true when the session continues the one RESUME named
     * @param note    why a RESUME could not be honoured, or empty
     */
    record SessionStart(java.util.UUID session, boolean resumed, String note) implements Frame {
        public SessionStart {
            if (session == null) {
                throw new IllegalArgumentException("session is null");
            }
            checkText("note", note);
        }

        @Override
        public byte type() {
            return FrameFormat.SESSION_START;
        }
    }

    /** TEXT: a burst of characters in a trickle stream. */
    record Text(String text) implements Frame {
        public Text {
            if (text == null || FrameCodec.utf8Length(text) > FrameFormat.MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("text is null or longer than " + FrameFormat.MAX_TEXT_LENGTH + " bytes");
            }
        }

        @Override
        public byte type() {
            return FrameFormat.TEXT;
        }
    }

    /** STATS_REQUEST: how much has been sent since the previous request? */
    record StatsRequest() implements Frame {
        @Override
        public byte type() {
            return FrameFormat.STATS_REQUEST;
        }
    }

    /**
     * STATS: the answer to STATS_REQUEST.
     *
     * @param sinceLast symbols sent between the previous STATS and this one (the stream's start for the first)
     * @param total     symbols sent on this connection
     */
    record Stats(long sinceLast, long total) implements Frame {
        public Stats {
            if (sinceLast < 0 || total < sinceLast) {
                throw new IllegalArgumentException("counts are inconsistent: " + sinceLast + " of " + total);
            }
        }

        @Override
        public byte type() {
            return FrameFormat.STATS;
        }
    }

    /** LEAVE: the receiving peer ends a stream session. */
    record Leave() implements Frame {
        @Override
        public byte type() {
            return FrameFormat.LEAVE;
        }
    }

    /** MISSING: a name asked for that the sending peer does not have. */
    record Missing(String name) implements Frame {
        public Missing {
            checkName(name);
        }

        @Override
        public byte type() {
            return FrameFormat.MISSING;
        }
    }

    /**
     * FILE_DATA: a run of content bytes of file {@code id}. A reader may deliver one frame's
     * payload as several consecutive records; their concatenation is the frame's data. The
     * buffer is only valid until the next read.
     */
    record FileData(long id, ByteBuffer data) implements Frame {
        public FileData {
            checkUnsigned32("id", id);
            if (data == null) {
                throw new IllegalArgumentException("data is null");
            }
        }

        @Override
        public byte type() {
            return FrameFormat.FILE_DATA;
        }
    }

    /** FILE_END: file {@code id} is complete; {@code crc32c} covers its whole content. */
    record FileEnd(long id, int crc32c) implements Frame {
        public FileEnd {
            checkUnsigned32("id", id);
        }

        @Override
        public byte type() {
            return FrameFormat.FILE_END;
        }
    }

    /** SESSION_END: the sending peer's totals and session digest. */
    record SessionEnd(SessionStatus status, long files, long bytes, byte[] digest, String reason)
            implements Frame {
        public SessionEnd {
            checkTotals(files, bytes, digest);
            if (status == null) {
                throw new IllegalArgumentException("status is null");
            }
            checkText("reason", reason);
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        @Override
        public byte type() {
            return FrameFormat.SESSION_END;
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
        public SessionConfirm {
            checkTotals(files, bytes, digest);
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        @Override
        public byte type() {
            return FrameFormat.SESSION_CONFIRM;
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

    private static void checkTotals(long files, long bytes, byte[] digest) {
        if (files < 0 || bytes < 0) {
            throw new IllegalArgumentException("negative totals: " + files + " files, " + bytes + " bytes");
        }
        if (digest == null || digest.length != FrameFormat.DIGEST_LENGTH) {
            throw new IllegalArgumentException("digest must be " + FrameFormat.DIGEST_LENGTH + " bytes");
        }
    }

    private static void checkPing(java.util.UUID id, long sequence, int paddingLength) {
        if (id == null) {
            throw new IllegalArgumentException("id is null");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence is negative: " + sequence);
        }
        if (paddingLength < 0 || paddingLength > FrameFormat.MAX_PING_PADDING) {
            throw new IllegalArgumentException("padding is outside 0.." + FrameFormat.MAX_PING_PADDING);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name is empty");
        }
        if (FrameCodec.utf8Length(name) > FrameFormat.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name is longer than " + FrameFormat.MAX_NAME_LENGTH + " bytes");
        }
    }

    private static void checkUnsigned16(String what, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " is outside 0..65535: " + value);
        }
    }

    private static void checkUnsigned32(String what, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " is outside 0..4294967295: " + value);
        }
    }

    private static void checkText(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (FrameCodec.utf8Length(text) > FrameFormat.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + FrameFormat.MAX_TEXT_LENGTH + " bytes");
        }
    }
}
