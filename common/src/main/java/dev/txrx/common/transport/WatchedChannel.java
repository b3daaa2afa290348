package dev.txrx.common.transport;

import dev.txrx.common.protocol.FileTransferTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;

/**
 * A channel whose every blocking read, write and file transfer is timed by a
 * {@link StallWatchdog.Watch}. It keeps gathering writes and zero-copy file transfers of the
 * channel it wraps.
 */
public final class WatchedChannel implements ByteChannel, GatheringByteChannel, FileTransferTarget {

    private final ByteChannel delegate;
    private final StallWatchdog.Watch watch;

    public <C extends ByteChannel & GatheringByteChannel> WatchedChannel(C delegate, StallWatchdog.Watch watch) {
        this.delegate = delegate;
        this.watch = watch;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        watch.begin();
        try {
            return delegate.read(dst);
        } finally {
            watch.end();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        watch.begin();
        try {
            return delegate.write(src);
        } finally {
            watch.end();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        watch.begin();
        try {
            return ((GatheringByteChannel) delegate).write(srcs, offset, length);
        } finally {
            watch.end();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        watch.begin();
        try {
            return file.transferTo(position, count, delegate);
        } finally {
            watch.end();
        }
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
