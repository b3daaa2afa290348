package dev.txrx.sender.conversation;

import dev.txrx.common.io.BufferPool;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameWriter;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The small-file policy: which files go out whole in the writer's buffer, and putting them there.
 * A file of at most {@link #MAX_SIZE} bytes sent from its start goes as FILE_START, one FILE_DATA
 * and FILE_END into the buffer, written with the frames around it when the buffer fills or the
 * conversation waits: for many small files the handoffs and system calls cost more than the bytes.
 * A paced conversation buffers nothing, so that the pace holds. One per files conversation.
 */
final class SmallFiles {

    /** The largest file that goes into the buffer. */
    static final int MAX_SIZE = 64 * 1024;
    private static final int MIN_ROOM = 4096;

    private final boolean paced;
    private ByteBuffer buffer;

    /** The policy of a conversation that is {@code paced} or not. */
    SmallFiles(boolean paced) {
        this.paced = paced;
    }

    /** True when a file of {@code size} bytes sent from byte {@code position} is small: it goes into the buffer. */
    boolean isSmall(long size, long position) {
        return !paced && position == 0 && size <= MAX_SIZE;
    }

    /**
     * Room for one small file of {@code size} bytes read whole, borrowed from
     * {@link BufferPool#DIRECT} until {@link #release}: a power of two of at least the size (4 KiB
     * at least), not {@link #MAX_SIZE}, and between files none, since thousands of sessions may
     * send small files at once.
     */
    ByteBuffer room(long size) {
        int wanted = BufferPool.roundUp((int) Math.min(size, MAX_SIZE), MIN_ROOM);
        if (buffer == null || buffer.capacity() < wanted) {
            BufferPool.DIRECT.give(buffer);
            buffer = BufferPool.DIRECT.take(wanted);
        }
        return buffer;
    }

    /** Gives the room back, once the writer has its bytes. */
    void release() {
        BufferPool.DIRECT.give(buffer);
        buffer = null;
    }

    /**
     * Adds a whole small file, {@code data} being all its bytes, to the writer's buffer; an empty
     * file gets no FILE_DATA, as the specification says.
     */
    void buffer(FrameWriter writer, Frame.FileStart start, ByteBuffer data, Frame.FileEnd end) throws IOException {
        writer.buffer(start);
        if (data.hasRemaining()) {
            writer.buffer(new Frame.FileData(start.id(), data));
        }
        writer.buffer(end);
    }
}
