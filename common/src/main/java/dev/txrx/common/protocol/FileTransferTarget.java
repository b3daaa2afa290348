package dev.txrx.common.protocol;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A channel that wraps another and can still take file content by
 * {@link FileChannel#transferTo} straight into the channel it wraps, which keeps the kernel's
 * zero-copy path (sendfile) that a wrapper would otherwise hide.
 */
public interface FileTransferTarget {

    /** Transfers up to {@code count} bytes of {@code file} from {@code position}; returns how many. */
    long transferFrom(FileChannel file, long position, long count) throws IOException;
}
