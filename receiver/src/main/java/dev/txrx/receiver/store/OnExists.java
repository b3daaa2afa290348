package dev.txrx.receiver.store;

/**
 * What the receiving peer does when a file arrives under a name that already exists in the output
 * directory ({@code --on-exists}). Names are compared exactly as the file system compares them.
 */
public enum OnExists {
    /**
     * Keep the existing file and store the new one under the first free numbered name:
     * {@code name (1).ext}, {@code name (2).ext} and so on. Never replaces anything, even when
     * several sessions store the same name into the same directory at once.
     */
    RENAME,
    /** Replace the existing file, atomically, once the new one is verified. */
    OVERWRITE,
    /** Keep the existing file; the arriving content is still verified, then dropped. */
    SKIP,
    /** Stop the session with an error naming the file. */
    FAIL
}
