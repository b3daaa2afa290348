package dev.txrx.receiver.store;

import java.io.IOException;

/**
 * Where a {@link Store} puts the entries that arrive: the output directory ({@link OnDisk}), or
 * nowhere ({@link Nowhere}, {@code --discard}). It knows names, files and directories; the store
 * decides when each step happens.
 */
interface Destination {

    /**
     * A file starts arriving: its temporary file, created as the {@link OnExists} policy allows.
     *
     * @return null when the policy skips the file ({@link OnExists#SKIP}): its content is then
     *     verified and dropped
     */
    IncomingFile stage(String name, long mtimeMillis, int mode) throws IOException;

    /** The file {@code partial} goes on after its first {@code held} bytes, which an earlier connection left. */
    IncomingFile reopen(ResumeState.Partial partial, long held, long mtimeMillis, int mode) throws IOException;

    /** Where {@code file} keeps its bytes, as the journal records it; empty when it keeps them nowhere. */
    String temp(IncomingFile file);

    /** The bytes of {@code partial} that are here, with their checksum; null if none are. */
    Held.Part held(ResumeState.Partial partial) throws IOException;

    /** Deletes what is held of {@code partial}. Never throws. */
    void delete(ResumeState.Partial partial);

    /**
     * Finishes the publication of a file that an earlier run left between journaling it as
     * publishing and as verified: see {@link Publication}. Never throws.
     *
     * @return true if the file is under its final name now (or was dropped by {@link OnExists#SKIP}
     *     for a file that had the name); false if it is not, and must arrive again
     */
    boolean recover(ResumeState.Publishing publishing);

    /**
     * A directory arrives: create it, and give it its time and mode in {@link #finish}.
     *
     * @param ours true when an earlier connection of the session created it: it gets the
     *             sender's time and mode, though it exists
     * @return true when this call created it
     */
    boolean directory(String name, long mtimeMillis, int mode, boolean ours) throws IOException;

    /** The session completed: deletes every temporary file left in the destination ({@link Orphans}). Never throws. */
    void removeOrphans();

    /** The connection is over: no more files are written. Never throws. */
    void finish();
}
