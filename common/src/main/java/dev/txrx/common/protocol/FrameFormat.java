package dev.txrx.common.protocol;

/**
 * What every txrx frame shares: the header layout, the global limits of
 * {@code docs/PROTOCOL.md} section 1, the magic and the version. All integers on the wire are
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
 * The length counts the payload only, not the five header bytes.
 *
 * <p>Nothing here belongs to one frame type. A type's code, name, payload limits and byte
 * diagram are its {@link FrameType} constant; its fields, their offsets and how they are
 * encoded and decoded are its record in {@link Frame}. This class stays apart from
 * {@link FrameType} because these facts hold before the type of a frame is known: a reader
 * needs them to read the header of a frame of any type, known or not.
 */
public final class FrameFormat {

    /** Offset of the payload length field from the start of the frame. */
    public static final int LENGTH_OFFSET = 0;
    /** Size of the payload length field, in bytes. */
    public static final int LENGTH_FIELD = Integer.BYTES;
    /** Offset of the type field from the start of the frame. */
    public static final int TYPE_OFFSET = LENGTH_OFFSET + LENGTH_FIELD;
    /** Size of the frame type field, in bytes. */
    public static final int TYPE_FIELD = Byte.BYTES;
    /** Size of the frame header: length then type. The payload starts here. */
    public static final int HEADER_LENGTH = TYPE_OFFSET + TYPE_FIELD;

    /** The largest payload of any frame: 1 MiB. Only FILE_DATA may be this long. */
    public static final int MAX_PAYLOAD_LENGTH = 1 << 20;
    /**
     * The largest payload of a control frame (every type but FILE_DATA), and of a frame of an
     * unknown type: 64 KiB.
     */
    public static final int MAX_CONTROL_PAYLOAD_LENGTH = 1 << 16;
    /** The most file bytes in one FILE_DATA frame: the payload limit less the file id. */
    public static final int MAX_DATA_PER_FRAME = MAX_PAYLOAD_LENGTH - Frame.FileData.DATA_OFFSET;
    /** The largest encoded entry name, in UTF-8 bytes. */
    public static final int MAX_NAME_LENGTH = 4096;
    /** The largest encoded text (error message, end reason, agent, note, TEXT), in UTF-8 bytes. */
    public static final int MAX_TEXT_LENGTH = 1024;
    /** The longest access token a HELLO may carry, in bytes. */
    public static final int MAX_TOKEN_LENGTH = 255;
    /** The most names one REQUEST GET may carry. */
    public static final int MAX_REQUESTED_NAMES = 1024;
    /** The most exclude patterns one REQUEST may carry (version 3). */
    public static final int MAX_EXCLUDES = 1024;

    /** {@code "TXRX"}: the first four bytes of every HELLO payload. */
    public static final int MAGIC = 0x54_58_52_58;
    /** The highest protocol version this implementation speaks, the one its HELLO announces. */
    public static final int VERSION = 3;
    /** The lowest version it still speaks: with a peer of version 2, a session speaks version 2. */
    public static final int MIN_VERSION = 2;
    /**
     * The version that adds comparing files already held (COPY, UP_TO_DATE, RESUME's {@code copies}
     * and {@code flags}) and files of unknown size; a peer sends none of them to a version 2 peer.
     */
    public static final int SYNC_VERSION = 3;

    /** Length of the session digest (SHA-256) in SESSION_END and SESSION_CONFIRM, in bytes. */
    public static final int DIGEST_LENGTH = 32;

    private FrameFormat() {
    }
}
