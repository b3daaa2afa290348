package dev.txrx.receiver.store;

import java.util.List;
import java.util.UUID;

/**
 * What a store holds of a session from earlier connections or runs, offered to the sender in
 * RESUME and HAVE frames.
 *
 * @param session  the session to resume, or null for a new one
 * @param verified the files verified so far, in the order they were committed
 * @param partial  the file that was arriving, with the bytes of it on disk; null if none is held
 */
public record Held(UUID session, List<ResumeState.Verified> verified, Part partial) {

    /** Nothing: a new session. */
    public static final Held NOTHING = new Held(null, List.of(), null);

    public Held {
        verified = List.copyOf(verified);
    }

    /**
     * How many of the {@code onDisk} bytes held of a file of {@code size} bytes to offer the sender:
     * never all of them, even when all arrived. A sender takes a HAVE of the whole size as a file
     * already verified and skips it; bytes whose FILE_END never came were never checked, so the
     * last one is asked for again, and with it the FILE_END and its CRC32C. Nothing (0) is not an
     * offer: the file arrives whole.
     */
    public static long offerable(long size, long onDisk) {
        return Math.max(0, Math.min(onDisk, size - 1));
    }

    /**
     * The file that was arriving, as far as it is on disk.
     *
     * @param file     what the journal knows of it
     * @param checksum the checksum of its first {@link FileChecksum#length()} bytes, the ones held;
     *                 a file that goes on from them goes on from this checksum
     */
    public record Part(ResumeState.Partial file, FileChecksum checksum) {

        /** Rejects a part that would be taken for a file verified: see {@link Held#offerable}. */
        public Part {
            if (checksum.length() == 0 || checksum.length() != offerable(file.size(), checksum.length())) {
                throw new IllegalArgumentException("a held part of " + file.name() + " must be 1 to size - 1 = "
                        + (file.size() - 1) + " bytes, not " + checksum.length());
            }
        }

        /** Bytes of the file held. */
        public long length() {
            return checksum.length();
        }
    }
}
