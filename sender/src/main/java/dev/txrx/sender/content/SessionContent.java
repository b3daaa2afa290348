package dev.txrx.sender.content;

import java.io.IOException;

/** What one session sends, item by item, produced as the conversation goes. */
public interface SessionContent extends AutoCloseable {

    /**
     * The next item: waits up to {@code waitMillis} for it to be ready.
     *
     * @return the item, {@link ContentItem.End} after the last one, or null if none is ready yet
     */
    ContentItem next(long waitMillis) throws IOException, InterruptedException;

    /** Releases what is left: open files, threads. */
    @Override
    void close();
}
