package dev.txrx.common.transport;

import dev.txrx.common.protocol.FileTransferTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;

/**
 * A channel whose every blocking read, write and file transfer is timed by a
 * {@link StallWatchdog.Watch}: reads in its read slot, writes and transfers in its write slot, each
 * with the bytes it moved. It keeps gathering writes and zero-copy file transfers of the channel it
 * wraps. A call after which the peer fell below the minimum rate fails with the watchdog's reason.
 */
public final class WatchedChannel implements ByteChannel, GatheringByteChannel, FileTransferTarget {

    /** One blocking call on the delegate; returns the bytes it moved. */
    private interface Call {
        long run() throws IOException;
    }

    private final ByteChannel delegate;
    private final StallWatchdog.Watch watch;

    public <C extends ByteChannel & GatheringByteChannel> WatchedChannel(C delegate, StallWatchdog.Watch watch) {
        this.delegate = delegate;
        this.watch = watch;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) timed(watch.reads(), () -> delegate.read(dst));
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) timed(watch.writes(), () -> delegate.write(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return timed(watch.writes(), () -> ((GatheringByteChannel) delegate).write(srcs, offset, length));
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return timed(watch.writes(), () -> file.transferTo(position, count, delegate));
    }

    private static long timed(StallWatchdog.Watch.Slot slot, Call call) throws IOException {
        slot.begin();
        long moved;
        try {
            moved = call.run();
        } catch (IOException | RuntimeException e) {
            slot.end(0);
            throw e;
        }
        String tooSlow = slot.end(moved);
        if (tooSlow != null) {
            // the watchdog has closed the connection; what this call moved goes no further
            throw new IOException(tooSlow);
        }
        return moved;
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
