package dev.txrx.common.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Bytes on the wire for codec tests: hex in, frames out, and channels that deliver slowly. */
final class WireBytes {

    private WireBytes() {
    }

    /**
     * {@code docs/PROTOCOL.md}, whether the tests run in the common module (as Maven runs them)
     * or in the repository root.
     */
    static Path protocolDocument() {
        Path fromModule = Path.of("../docs/PROTOCOL.md");
        return Files.exists(fromModule) ? fromModule : Path.of("docs/PROTOCOL.md");
    }

    /**
     * Parses pairs of hex digits separated by white space; {@code #} starts a comment that runs
     * to the end of the line.
     */
    static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int comment = line.indexOf('#');
            String bytes = comment < 0 ? line : line.substring(0, comment);
            for (String token : bytes.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                if (token.length() != 2) {
                    throw new IllegalArgumentException("not a hex byte: '" + token + "'");
                }
                digits.append(token);
            }
        }
        return HexFormat.of().parseHex(digits);
    }

    /** Formats bytes as space-separated lowercase hex pairs. */
    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** A whole frame: header for {@code payload.length} bytes of {@code type}, then the payload. */
    static byte[] frame(int type, byte[] payload) {
        return ByteBuffer.allocate(FrameFormat.HEADER_LENGTH + payload.length)
                .putInt(payload.length).put((byte) type).put(payload).array();
    }

    /** A frame header alone, declaring {@code length} payload bytes. */
    static byte[] header(long length, int type) {
        return ByteBuffer.allocate(FrameFormat.HEADER_LENGTH).putInt((int) length).put((byte) type).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** What {@link FrameWriter} writes for {@code frames}, in order. */
    static byte[] written(Frame... frames) throws IOException {
        return written(List.of(frames));
    }

    static byte[] written(List<Frame> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Channels.newChannel(out));
        for (Frame frame : frames) {
            writer.write(frame);
        }
        return out.toByteArray();
    }

    static FrameReader reader(byte[] bytes) {
        return new FrameReader(new TrickleChannel(bytes, Integer.MAX_VALUE));
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    /** A FILE_DATA frame whose data is a heap copy, valid after the reader moves on. */
    static Frame detached(Frame frame) {
        if (frame instanceof Frame.FileData data) {
            return new Frame.FileData(data.id(), ByteBuffer.wrap(bytes(data.data())));
        }
        return frame;
    }

    /**
     * Reads frames until a clean end of stream. FILE_DATA pieces are copied, and consecutive
     * pieces of the same file are joined, since a reader may split one frame's data.
     */
    static List<Frame> readToEnd(FrameReader reader) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
            frames.add(detached(frame));
        }
        return joinFileData(frames);
    }

    /** Joins consecutive FILE_DATA frames of the same file into one. */
    static List<Frame> joinFileData(List<Frame> frames) {
        List<Frame> joined = new ArrayList<>();
        for (Frame frame : frames) {
            int last = joined.size() - 1;
            if (frame instanceof Frame.FileData data && last >= 0
                    && joined.get(last) instanceof Frame.FileData previous && previous.id() == data.id()) {
                byte[] both = concat(bytes(previous.data()), bytes(data.data()));
                joined.set(last, new Frame.FileData(data.id(), ByteBuffer.wrap(both)));
            } else {
                joined.add(detached(frame));
            }
        }
        return joined;
    }

    /**
     * A channel over fixed bytes that hands out at most {@code maxPerRead} bytes per read, as a
     * socket may. After {@code readLimit} bytes, a further read fails the test: that shows a
     * reader stopped where it should.
     */
    static final class TrickleChannel implements ReadableByteChannel {
        private final ByteBuffer source;
        private final int maxPerRead;
        private final int readLimit;
        private boolean open = true;

        TrickleChannel(byte[] bytes, int maxPerRead) {
            this(bytes, maxPerRead, Integer.MAX_VALUE);
        }

        TrickleChannel(byte[] bytes, int maxPerRead, int readLimit) {
            this.source = ByteBuffer.wrap(bytes);
            this.maxPerRead = maxPerRead;
            this.readLimit = readLimit;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (source.position() >= readLimit) {
                throw new AssertionError("read past byte " + readLimit);
            }
            if (!source.hasRemaining()) {
                return -1;
            }
            int n = Math.min(Math.min(source.remaining(), dst.remaining()),
                    Math.min(maxPerRead, readLimit - source.position()));
            dst.put(source.slice(source.position(), n));
            source.position(source.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
