package dev.txrx.sender.content;

import dev.txrx.common.report.Totals;
import java.io.IOException;

/** What one session sends, item by item, produced as the conversation goes. */
public interface SessionContent extends AutoCloseable {

    /**
     * The next item: waits up to {@code waitMillis} for it to be ready.
     *
     * @return the item, {@link ContentItem.End} after the last one, or null if none is ready yet
     */
    ContentItem next(long waitMillis) throws IOException, InterruptedException;

    /** The session's files and bytes as far as they are known before it starts, for the receiver's progress. */
    default Totals totals() {
        return Totals.NONE;
    }

    /** Releases what is left: open files, threads. */
    @Override
    void close();
}
