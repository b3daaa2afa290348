package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.transport.PeerConnection;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The RESUME that follows a REQUEST FILES or GET, its HAVE frames and (version 3) its COPY frames:
 * the session the receiver wants to continue, what it holds of each file of it, and the copies its
 * output directory holds, by name.
 *
 * @param session the session to continue, or null for a new one
 * @param haves   what the receiver holds, by file name
 * @param copies  the copies it already has outside the session, by name
 * @param dryRun  true when it asks what would be sent, and nothing is
 */
record ResumeRequest(UUID session, Map<String, Frame.Have> haves, Map<String, Frame.Copy> copies, boolean dryRun) {

    /** The session id a RESUME gives to start a new session: all zeros. */
    static final UUID NEW_SESSION = new UUID(0, 0);
    /**
     * More HAVE and COPY frames together than this are refused before any is read; fewer are still
     * bounded by the memory they take ({@link HaveBudget}).
     */
    static final long MAX_HAVES = 1_000_000;
    /** A request for a new session from a receiver that holds nothing. */
    static final ResumeRequest NONE = new ResumeRequest(null, Map.of(), Map.of(), false);

    /** A request to continue {@code session} with what {@code haves} say the receiver holds, and no copy. */
    ResumeRequest(UUID session, Map<String, Frame.Have> haves) {
        this(session, haves, Map.of(), false);
    }

    /** Reads a RESUME and its HAVE frames after a REQUEST FILES, with no bound on their memory: for tests. */
    static ResumeRequest read(FrameReader reader) throws IOException {
        try (HaveBudget.Account unbounded = new HaveBudget(Long.MAX_VALUE, Long.MAX_VALUE).open()) {
            return read(reader, RequestKind.FILES, unbounded);
        }
    }

    /**
     * Reads the RESUME and the HAVE frames that must follow a REQUEST of {@code kind} (FILES or
     * GET), and the COPY frames after them, charging each to {@code account} as it is read.
     *
     * @throws ProtocolException if another frame comes in their place (a peer that skipped RESUME
     *                           is told so), or if they are more than {@link #MAX_HAVES} or take
     *                           more memory than the account allows
     */
    static ResumeRequest read(FrameReader reader, RequestKind kind, HaveBudget.Account account) throws IOException {
        Frame frame = reader.next();
        if (!(frame instanceof Frame.Resume resume)) {
            throw PeerConnection.unexpected(frame, "RESUME after REQUEST " + kind);
        }
        if (resume.haves() + resume.copies() > MAX_HAVES) {
            throw new ProtocolException("RESUME announces " + resume.haves() + " HAVE frames"
                    + (resume.copies() > 0 ? " and " + resume.copies() + " COPY frames" : "") + ", more than " + MAX_HAVES);
        }
        Map<String, Frame.Have> haves = new HashMap<>();
        for (long i = 0; i < resume.haves(); i++) {
            Frame next = reader.next();
            if (!(next instanceof Frame.Have have)) {
                throw PeerConnection.unexpected(next, "HAVE " + (i + 1) + " of the " + resume.haves() + " that RESUME announced");
            }
            account.charge(have);
            haves.put(have.name(), have);
        }
        Map<String, Frame.Copy> copies = new HashMap<>();
        for (long i = 0; i < resume.copies(); i++) {
            Frame next = reader.next();
            if (!(next instanceof Frame.Copy copy)) {
                throw PeerConnection.unexpected(next, "COPY " + (i + 1) + " of the " + resume.copies() + " that RESUME announced");
            }
            account.charge(copy);
            copies.put(copy.name(), copy);
        }
        // a dry run starts a session of its own, whatever it names
        UUID session = NEW_SESSION.equals(resume.session()) || resume.dryRun() ? null : resume.session();
        return new ResumeRequest(session, resume.dryRun() ? Map.of() : haves, copies, resume.dryRun());
    }
}
