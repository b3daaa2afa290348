package dev.txrx.common.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * Counts the writes made to it, each of which would be a system call on a socket, and passes them
 * on to {@code sink}; with no sink it takes every byte at once and costs nothing.
 */
final class CountingChannel implements GatheringByteChannel {
    private final GatheringByteChannel sink;
    long writes;

    CountingChannel(GatheringByteChannel sink) {
        this.sink = sink;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        writes++;
        if (sink != null) {
            return sink.write(src);
        }
        int n = src.remaining();
        src.position(src.limit());
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        writes++;
        if (sink != null) {
            return sink.write(srcs, offset, length);
        }
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += srcs[i].remaining();
            srcs[i].position(srcs[i].limit());
        }
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
