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
    static final Held NOTHING = new Held(null, List.of(), null);

    public Held {
        verified = List.copyOf(verified);
    }

    /**
     * The file that was arriving, as far as it is on disk.
     *
     * @param file     what the journal knows of it
     * @param checksum the checksum of its first {@link FileChecksum#length()} bytes, the ones held;
     *                 a file that goes on from them goes on from this checksum
     */
    public record Part(ResumeState.Partial file, FileChecksum checksum) {

        /** Bytes of the file held. */
        public long length() {
            return checksum.length();
        }
    }
}
