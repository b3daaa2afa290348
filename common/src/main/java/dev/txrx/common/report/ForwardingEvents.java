package dev.txrx.common.report;

/**
 * A listener that hands every event to another: the base of listeners that add to what one
 * does (hear the end, close in an order) without restating each event.
 */
public abstract class ForwardingEvents implements TransferEvents {

    private final TransferEvents delegate;

    /** Hands every event to {@code delegate}. */
    protected ForwardingEvents(TransferEvents delegate) {
        this.delegate = delegate;
    }

    @Override
    public void connected(String peer, String protection) {
        delegate.connected(peer, protection);
    }

    @Override
    public void started(Totals totals) {
        delegate.started(totals);
    }

    @Override
    public void resumed(String session, long files, long bytes) {
        delegate.resumed(session, files, bytes);
    }

    @Override
    public void skipped(long files, long bytes) {
        delegate.skipped(files, bytes);
    }

    @Override
    public void moved(long bytes) {
        delegate.moved(bytes);
    }

    @Override
    public void fileDone(FileDone file) {
        delegate.fileDone(file);
    }

    @Override
    public void interval(Interval interval) {
        delegate.interval(interval);
    }

    @Override
    public void failed(String problem) {
        delegate.failed(problem);
    }
}
