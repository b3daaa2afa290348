package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameType;
import dev.txrx.common.protocol.FrameWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;

/** What a conversation writes, kept in memory: the frames, and how many writes it took. */
final class Wire implements WritableByteChannel {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final FrameWriter writer = new FrameWriter(this);
    private int writes;

    FrameWriter writer() {
        return writer;
    }

    /** How many times the writer wrote to the channel. */
    int writes() {
        return writes;
    }

    /** Every frame written so far, FILE_DATA pieces joined into one frame each. */
    List<Frame> frames() throws IOException {
        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())));
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
            if (frame instanceof Frame.FileData data) {
                frame = new Frame.FileData(data.id(), copy(data.data()));
            }
            frames.add(frame);
        }
        return frames;
    }

    /** How many data bytes each FILE_DATA frame written holds, read from the frame headers. */
    List<Integer> dataFrameLengths() {
        ByteBuffer written = ByteBuffer.wrap(bytes.toByteArray());
        List<Integer> lengths = new ArrayList<>();
        while (written.remaining() >= FrameFormat.HEADER_LENGTH) {
            int length = written.getInt();
            if (written.get() == FrameType.FILE_DATA.code()) {
                lengths.add(length - Frame.FileData.DATA_OFFSET);
            }
            written.position(written.position() + length);
        }
        return lengths;
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    @Override
    public int write(ByteBuffer src) {
        writes++;
        int n = src.remaining();
        byte[] chunk = new byte[n];
        src.get(chunk);
        bytes.write(chunk, 0, n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
