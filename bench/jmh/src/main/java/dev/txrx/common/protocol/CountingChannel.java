package dev.txrx.common.protocol;

import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/** A channel that takes every byte at once and only counts the bytes and the calls: a write is a system call. */
final class CountingChannel implements GatheringByteChannel {
    long bytes;
    long writes;

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        src.position(src.limit());
        bytes += n;
        writes++;
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += srcs[i].remaining();
            srcs[i].position(srcs[i].limit());
        }
        bytes += n;
        writes++;
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
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
