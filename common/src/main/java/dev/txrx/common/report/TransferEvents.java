package dev.txrx.common.report;

import java.util.List;

/**
 * Hears how a file transfer goes, as it goes: the one seam between the conversations that move
 * files (both apps, both directions) and whatever shows them to a person or a program (a progress
 * bar, one line per file, interval reports, a JSON stream). The conversations call it; the app
 * shells compose the listeners. Calls come from the conversation's thread, and, for files that a
 * receiver commits in the background, from its committer thread, so a listener is thread-safe.
 * Every method does nothing by default.
 */
public interface TransferEvents {

    /** Hears nothing. */
    TransferEvents NONE = new TransferEvents() {
    };

    /** The connection to {@code peer} is up, protected as {@code protection} says ("encrypted with ..."). */
    default void connected(String peer, String protection) {
    }

    /** The session started, or started again on a new connection, with the totals the sender knows. */
    default void started(Totals totals) {
    }

    /**
     * This connection resumes session {@code session}, in which the receiver already held
     * {@code files} verified files of {@code bytes} bytes.
     */
    default void resumed(String session, long files, long bytes) {
    }

    /**
     * Files and bytes that need not travel, since the receiver holds them: {@code files} whole
     * files, and parts of the file that continues. They count toward the totals.
     */
    default void skipped(long files, long bytes) {
    }

    /** {@code bytes} more bytes of file content travelled over the connection. */
    default void moved(long bytes) {
    }

    /** A file finished: verified (receiving side) or sent (sending side). */
    default void fileDone(FileDone file) {
    }

    /** A reporting interval ended ({@code --interval}). */
    default void interval(Interval interval) {
    }

    /** Something went wrong: a connection was lost (the session may go on over another), or the session failed. */
    default void failed(String problem) {
    }

    /** Every one of {@code listeners}, in order. */
    static TransferEvents all(List<? extends TransferEvents> listeners) {
        List<TransferEvents> copy = List.copyOf(listeners);
        return new TransferEvents() {
            @Override
            public void connected(String peer, String protection) {
                copy.forEach(l -> l.connected(peer, protection));
            }

            @Override
            public void started(Totals totals) {
                copy.forEach(l -> l.started(totals));
            }

            @Override
            public void resumed(String session, long files, long bytes) {
                copy.forEach(l -> l.resumed(session, files, bytes));
            }

            @Override
            public void skipped(long files, long bytes) {
                copy.forEach(l -> l.skipped(files, bytes));
            }

            @Override
            public void moved(long bytes) {
                copy.forEach(l -> l.moved(bytes));
            }

            @Override
            public void fileDone(FileDone file) {
                copy.forEach(l -> l.fileDone(file));
            }

            @Override
            public void interval(Interval interval) {
                copy.forEach(l -> l.interval(interval));
            }

            @Override
            public void failed(String problem) {
                copy.forEach(l -> l.failed(problem));
            }
        };
    }
}
