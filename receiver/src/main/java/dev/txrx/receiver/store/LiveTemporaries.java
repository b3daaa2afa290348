package dev.txrx.receiver.store;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files this process is writing or committing right now, so that a sweep for
 * {@link Orphans} never takes one: the uploads of a listening receiver share one output
 * directory, and the sweep of one that completed had deleted the staged files of another that
 * was still arriving or waiting for its commit ({@code cannot store the files just verified: no
 * such file or directory}). A {@link StagedFile} is in here from before its file is created until
 * the file has its final name, is deleted, or is left for a journal to resume.
 */
final class LiveTemporaries {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private LiveTemporaries() {
    }

    /** {@code temp} is being written or committed by this process. */
    static void add(Path temp) {
        LIVE.add(key(temp));
    }

    /** {@code temp} has its final name, is gone, or is left for a later attempt. */
    static void remove(Path temp) {
        LIVE.remove(key(temp));
    }

    /** Whether {@code file} is a temporary file this process is still working on. */
    static boolean contains(Path file) {
        return LIVE.contains(key(file));
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
