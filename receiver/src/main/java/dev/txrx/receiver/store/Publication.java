package dev.txrx.receiver.store;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a verified file is published, and the rule that makes a kill at any instant cost neither
 * a duplicate nor a loss. Its {@link CommitBatch} goes through these steps, and the journal
 * ({@link ResumeState}) records two of them:
 *
 * <ol>
 * <li>{@link Step#DATA_DURABLE}: the file's data, time and mode are on disk under its temporary name;
 * <li>{@link Step#PUBLISHING_JOURNALED}: the journal says the file is publishing (its temporary
 *     name, its final name, size and CRC32C);
 * <li>{@link Step#NAMED}: it has its final name (one {@code link(2)} and one {@code unlink(2)} of the
 *     temporary name, or one {@code rename(2)});
 * <li>{@link Step#NAMES_DURABLE}: the names are on disk ({@code fsync} of their directories);
 * <li>{@link Step#VERIFIED_JOURNALED}: the journal says the file is verified, and it counts.
 * </ol>
 *
 * <p>Killed before step 2, the journal knows nothing of the file: it was never under its final
 * name, and the next run fetches it again (its temporary file is an orphan, removed then). Killed
 * between steps 2 and 5, the next run finds the file publishing, and recovers it
 * ({@link Destination#recover}) before anything else: a temporary file that is gone, or that is
 * also linked under another name, took its final name, so the file counts as verified; one that
 * is still there alone did not, and takes its name then, from its data already durable. Either way
 * the journal then says verified, and the file is never fetched twice nor lost.
 */
final class Publication implements Committing {

    /** The steps, in order; a test stops the sequence after any of them. */
    enum Step { DATA_DURABLE, PUBLISHING_JOURNALED, NAMED, NAMES_DURABLE, VERIFIED_JOURNALED }

    /** Hears each step as it is reached; tests copy the directory there, as a kill would leave it. */
    interface Checkpoint {
        Checkpoint NONE = (step, file) -> { };

        void reached(Step step, ResumeState.Verified file);
    }

    private final ResumeState journal;
    private final ResumeState.Publishing file;
    private final AtomicInteger verifiedFiles;
    private final Checkpoint checkpoint;
    private final Runnable announce;

    /**
     * The publication of {@code file}, recorded in {@code journal}; {@code verifiedFiles} counts it
     * once verified, and then {@code announce} runs.
     */
    Publication(ResumeState journal, ResumeState.Publishing file, AtomicInteger verifiedFiles, Checkpoint checkpoint,
                Runnable announce) {
        this.journal = journal;
        this.file = file;
        this.verifiedFiles = verifiedFiles;
        this.checkpoint = checkpoint;
        this.announce = announce;
    }

    @Override
    public void recordPublishing() {
        checkpoint.reached(Step.DATA_DURABLE, file.file());
        journal.publishing(file);
    }

    @Override
    public void publishing() {
        checkpoint.reached(Step.PUBLISHING_JOURNALED, file.file());
    }

    @Override
    public void named() {
        checkpoint.reached(Step.NAMED, file.file());
    }

    @Override
    public void dropped() {
        journal.dropped(file.file().id());
    }

    @Override
    public void recordVerified() {
        checkpoint.reached(Step.NAMES_DURABLE, file.file());
        journal.verified(file.file());
    }

    @Override
    public void verified() {
        verifiedFiles.incrementAndGet();
        checkpoint.reached(Step.VERIFIED_JOURNALED, file.file());
        announce.run();
    }

    /**
     * Ends each publication an earlier run left unfinished, in order: verified if its file has
     * or now takes its final name, dropped (to be fetched again) if it cannot.
     */
    static void recover(ResumeState journal, Destination destination) {
        for (ResumeState.Publishing unfinished : journal.publishing()) {
            if (destination.recover(unfinished)) {
                journal.verified(unfinished.file());
            } else {
                journal.dropped(unfinished.file().id());
            }
        }
    }
}
