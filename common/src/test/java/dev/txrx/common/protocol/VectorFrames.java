package dev.txrx.common.protocol;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The frame a test vector of {@code docs/PROTOCOL.md} stands for, built from the field table the
 * document gives next to its bytes: one builder per frame type, reading the fields under the
 * names of the type's table in section 3, in its order. A field added to a frame is a row in the
 * document's tables and a line here.
 */
final class VectorFrames {

    private static final Map<FrameType, Function<VectorFields, Frame>> BUILDERS = new EnumMap<>(FrameType.class);

    static {
        BUILDERS.put(FrameType.HELLO, f -> {
            f.constant("magic", FrameFormat.MAGIC);
            int version = (int) f.integer("version");
            Role role = f.code("role", Role.values(), Role::code);
            f.constant("flags", 0);
            return new Frame.Hello(version, role, f.string("agent"), f.uuid("session"), f.string("token"));
        });
        BUILDERS.put(FrameType.ERROR, f -> new Frame.Error(f.code("code", ErrorCode.values(), ErrorCode::code),
                f.string("message")));
        BUILDERS.put(FrameType.REQUEST, VectorFrames::request);
        BUILDERS.put(FrameType.FILE_START, f -> new Frame.FileStart(f.integer("id"), f.integer("size"),
                f.integer("offset"), f.integer("mtime"), f.int32("mode"), f.string("name")));
        BUILDERS.put(FrameType.FILE_DATA, f -> new Frame.FileData(f.integer("id"), ByteBuffer.wrap(f.bytesOfString("data"))));
        BUILDERS.put(FrameType.FILE_END, f -> new Frame.FileEnd(f.integer("id"), f.int32("crc32c"),
                f.has("size") ? f.integer("size") : Frame.FileEnd.NO_SIZE));
        BUILDERS.put(FrameType.DIRECTORY, f -> new Frame.Directory(f.integer("mtime"), f.int32("mode"), f.string("name")));
        BUILDERS.put(FrameType.ENTRY, f -> new Frame.Entry(f.oneOf("kind", "file", "directory"), f.integer("size"),
                f.integer("mtime"), f.int32("mode"), f.string("name")));
        BUILDERS.put(FrameType.MISSING, f -> new Frame.Missing(f.string("name")));
        BUILDERS.put(FrameType.RESUME, f -> new Frame.Resume(f.uuid("session"), f.integer("haves"),
                f.has("copies") ? f.integer("copies") : 0, f.has("flags") ? f.int32("flags") : 0));
        BUILDERS.put(FrameType.COPY, f -> new Frame.Copy(f.integer("size"), f.integer("mtime"),
                f.oneOf("check", "SIZE_AND_TIME", "CONTENT"), f.int32("crc32c"), f.string("name")));
        BUILDERS.put(FrameType.UP_TO_DATE, f -> new Frame.UpToDate(f.integer("id"), f.integer("size"),
                f.int32("crc32c"), f.string("name")));
        BUILDERS.put(FrameType.HAVE, f -> new Frame.Have(f.integer("id"), f.integer("size"), f.integer("mtime"),
                f.integer("held"), f.int32("crc32c"), f.string("name")));
        BUILDERS.put(FrameType.SESSION_START, f -> new Frame.SessionStart(f.uuid("session"), f.integer("resumed") == 1,
                f.string("note"), f.has("files") ? f.integer("files") : Frame.SessionStart.UNKNOWN,
                f.has("bytes") ? f.integer("bytes") : Frame.SessionStart.UNKNOWN));
        BUILDERS.put(FrameType.PING, f -> new Frame.Ping(f.uuid("id"), f.integer("sequence"), f.integer("sent"),
                f.zeroBytes("padding")));
        BUILDERS.put(FrameType.PONG, f -> new Frame.Pong(f.uuid("id"), f.integer("sequence"), f.integer("sent"),
                f.integer("since last"), f.zeroBytes("padding")));
        BUILDERS.put(FrameType.SESSION_END, f -> new Frame.SessionEnd(
                f.code("status", SessionStatus.values(), SessionStatus::code), f.integer("files"), f.integer("bytes"),
                f.hexBytes("digest"), f.string("reason")));
        BUILDERS.put(FrameType.SESSION_CONFIRM, f -> new Frame.SessionConfirm(!f.oneOf("status", "verified", "mismatch"),
                f.integer("files"), f.integer("bytes"), f.hexBytes("digest")));
        BUILDERS.put(FrameType.LEAVE, f -> new Frame.Leave());
        BUILDERS.put(FrameType.STATS_REQUEST, f -> new Frame.StatsRequest());
        BUILDERS.put(FrameType.STATS, f -> new Frame.Stats(f.integer("since last"), f.integer("total")));
        BUILDERS.put(FrameType.TEXT, f -> new Frame.Text(f.string("text")));
    }

    private VectorFrames() {
    }

    /** The frame of {@code type} whose fields {@code fields} gives; every row of the table must be a field of it. */
    static Frame build(FrameType type, VectorFields fields) {
        Function<VectorFields, Frame> builder = BUILDERS.get(type);
        if (builder == null) {
            throw new AssertionError("no builder for " + type + " vectors");
        }
        Frame frame = builder.apply(fields);
        fields.requireAllRead();
        return frame;
    }

    /** True if every frame type has a builder. */
    static boolean coversEveryType() {
        return BUILDERS.keySet().containsAll(List.of(FrameType.values()));
    }

    /**
     * REQUEST: only GET has a count and names; the count is the number of names. Version 3's
     * excludes, when the table has them, are the patterns, their count the number of patterns.
     */
    private static Frame request(VectorFields f) {
        RequestKind kind = f.code("kind", RequestKind.values(), RequestKind::code);
        List<String> names = List.of();
        if (kind == RequestKind.GET) {
            names = f.strings("names");
            f.constant("count", names.size());
        }
        List<String> patterns = List.of();
        if (f.has("patterns")) {
            patterns = f.strings("patterns");
            f.constant("excludes", patterns.size());
        }
        return new Frame.Request(kind, names, patterns);
    }
}
