package dev.txrx.receiver.store;

/**
 * Where the journal records that a {@link CommitBatch} makes at one step of its files go out
 * together: one write for all of them, rather than one per file. {@link ResumeState} is one.
 */
@FunctionalInterface
interface RecordsTogether {

    /** Records nowhere but as each record says: for batches without a journal, and tests. */
    RecordsTogether EACH = Runnable::run;

    /** Runs {@code records}, whose journal lines are written at once when it returns. */
    void together(Runnable records);
}
