package dev.txrx.common.protocol;

/**
 * The layout of a txrx frame, its type codes and its limits. All integers on the wire are
 * unsigned and big-endian (network byte order).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Payload length (32)                       |
 *  +---------------+-----------------------------------------------+
 *  |   Type (8)    |  Payload (length bytes) ...                   |
 *  +---------------+-----------------------------------------------+
 * </pre>
 *
 * The length counts the payload only, not the five header bytes. See {@code docs/PROTOCOL.md}.
 */
public final class FrameFormat {

    /** Size of the payload length field, in bytes. */
    public static final int LENGTH_FIELD = Integer.BYTES;
    /** Size of the frame type field, in bytes. */
    public static final int TYPE_FIELD = Byte.BYTES;
    /** Offset of the type field from the start of the frame. */
    public static final int TYPE_OFFSET = LENGTH_FIELD;
    /** Size of the frame header: length then type. */
    public static final int HEADER_LENGTH = LENGTH_FIELD + TYPE_FIELD;

    /** The largest payload of any frame: 1 MiB. */
    public static final int MAX_PAYLOAD_LENGTH = 1 << 20;
    /** The largest payload of any frame other than {@link #FILE_DATA}: 64 KiB. */
    public static final int MAX_CONTROL_PAYLOAD_LENGTH = 1 << 16;
    /** The largest encoded entry name, in UTF-8 bytes. */
    public static final int MAX_NAME_LENGTH = 4096;
    /** The largest encoded text (error message, end reason, agent), in UTF-8 bytes. */
    public static final int MAX_TEXT_LENGTH = 1024;
    /** The most padding a PING or PONG may carry: what fits in a control frame after its fields. */
    public static final int MAX_PING_PADDING = MAX_CONTROL_PAYLOAD_LENGTH - 48;
    /** The most names one REQUEST GET may carry. */
    public static final int MAX_REQUESTED_NAMES = 1024;

    /** {@code "TXRX"}: the first four bytes of every HELLO payload. */
    public static final int MAGIC = 0x54_58_52_58;
    /** The protocol version this implementation speaks. */
    public static final int VERSION = 1;

    /** Opens the connection, sent by both peers: magic, version, role, agent. */
    public static final byte HELLO = 0x01;
    /** Reports a fatal condition; the sender of it closes the connection afterwards. */
    public static final byte ERROR = 0x02;
    /** Sent by the receiving peer after the handshake: what it wants. */
    public static final byte REQUEST = 0x03;
    /** Announces a file: id, size, offset, modification time, mode, name. */
    public static final byte FILE_START = 0x10;
    /** Carries file content: id, then bytes. */
    public static final byte FILE_DATA = 0x11;
    /** Ends a file with the CRC32C of its whole content. */
    public static final byte FILE_END = 0x12;
    /** Announces a directory (which may be empty): modification time, mode, name. */
    public static final byte DIRECTORY = 0x13;
    /** One entry of the sending peer's catalogue, in answer to REQUEST LIST. */
    public static final byte ENTRY = 0x14;
    /** A name asked for by REQUEST GET that the sending peer does not have; not fatal. */
    public static final byte MISSING = 0x15;
    /** After REQUEST, asks to resume an earlier session; HAVE frames follow. */
    public static final byte RESUME = 0x16;
    /** A file the receiving peer holds from an earlier attempt, whole or in part. */
    public static final byte HAVE = 0x17;
    /** A latency probe from the receiving peer: id, sequence number, send time, padding. */
    public static final byte PING = 0x30;
    /** The answer to a PING: its id, sequence number and send time, the time since the previous message, padding. */
    public static final byte PONG = 0x31;
    /** Ends the session with the sender's totals and session digest. */
    public static final byte SESSION_END = 0x20;
    /** The receiver's answer to SESSION_END, with its own totals. */
    public static final byte SESSION_CONFIRM = 0x21;
    /** Opens a file session: its id, and whether it resumes an earlier one. */
    public static final byte SESSION_START = 0x23;
    /** The receiving peer is leaving a stream session; nothing follows. */
    public static final byte LEAVE = 0x22;
    /** Asks the sending peer how many symbols it sent since the previous request. */
    public static final byte STATS_REQUEST = 0x40;
    /** The answer to STATS_REQUEST: symbols sent since the previous request, and in all. */
    public static final byte STATS = 0x41;
    /** A burst of text in a trickle stream. */
    public static final byte TEXT = 0x42;

    /**
     * Bit that marks a frame type as ignorable: a peer that does not know a type with this bit
     * set skips the frame; an unknown type without it is a protocol error.
     */
    public static final int IGNORABLE_TYPE_BIT = 0x80;

    /** Length of the session digest (SHA-256), in bytes. */
    public static final int DIGEST_LENGTH = 32;

    private FrameFormat() {
    }

    /** A printable name for a type code, for logs and error messages. */
    public static String typeName(int type) {
        return switch ((byte) type) {
            case HELLO -> "HELLO";
            case ERROR -> "ERROR";
            case REQUEST -> "REQUEST";
            case FILE_START -> "FILE_START";
            case FILE_DATA -> "FILE_DATA";
            case FILE_END -> "FILE_END";
            case DIRECTORY -> "DIRECTORY";
            case ENTRY -> "ENTRY";
            case MISSING -> "MISSING";
            case LEAVE -> "LEAVE";
            case RESUME -> "RESUME";
            case HAVE -> "HAVE";
            case SESSION_START -> "SESSION_START";
            case STATS_REQUEST -> "STATS_REQUEST";
            case STATS -> "STATS";
            case TEXT -> "TEXT";
            case PING -> "PING";
            case PONG -> "PONG";
            case SESSION_END -> "SESSION_END";
            case SESSION_CONFIRM -> "SESSION_CONFIRM";
            default -> String.format("0x%02x", type & 0xff);
        };
    }
}
