package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.text.Printable;
import dev.txrx.receiver.store.FileChecksum;
import dev.txrx.receiver.store.Held;
import dev.txrx.receiver.store.ResumeState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What follows the REQUEST of a FILES or GET session: RESUME, naming the session it continues
 * (the nil id for a new one), then a HAVE for each file already verified and one for the file that
 * was arriving, with the CRC32C of the bytes of it held, then (version 3) a COPY for each file the
 * output directory already holds. It keeps that checksum: a FILE_START that goes on from the held
 * bytes goes on from it, so they are read once. It keeps the COPY frames too: an UP_TO_DATE is
 * accepted only for one of them.
 */
final class ResumeRequest {

    /** The session id of RESUME for a new session. */
    static final UUID NEW_SESSION = new UUID(0, 0);

    /** The partial file offered in HAVE, until a FILE_START takes it or the session starts afresh. */
    private Held.Part offered;

    /** The COPY frames sent, by name. */
    private final Map<String, Frame.Copy> copies;
    /**
     * The files the sender found up to date on this connection: verified by comparison, never
     * journaled, so that a later connection compares them again.
     */
    private final List<ResumeState.Verified> upToDate = new ArrayList<>();

    private ResumeRequest(Held.Part offered, Map<String, Frame.Copy> copies) {
        this.offered = offered;
        this.copies = copies;
    }

    /** Sends RESUME and its HAVE frames for what {@code held} holds, and no COPY: for version 2. */
    static ResumeRequest send(FrameWriter writer, Held held) throws IOException {
        return send(writer, held, List.of(), 0);
    }

    /**
     * Sends RESUME with {@code flags}, its HAVE frames for what {@code held} holds, and
     * {@code copies}: only to a sender of version 3 or later, unless both are empty.
     */
    static ResumeRequest send(FrameWriter writer, Held held, List<Frame.Copy> copies, int flags) throws IOException {
        List<Frame.Have> haves = new ArrayList<>();
        for (ResumeState.Verified file : held.verified()) {
            haves.add(new Frame.Have(file.id(), file.size(), file.mtimeMillis(), file.size(), file.crc32c(),
                    file.name()));
        }
        Held.Part part = held.partial();
        if (part != null) {
            ResumeState.Partial file = part.file();
            haves.add(new Frame.Have(file.id(), file.size(), file.mtimeMillis(), part.length(),
                    part.checksum().value(), file.name()));
        }
        writer.write(new Frame.Resume(held.session() != null ? held.session() : NEW_SESSION, haves.size(),
                copies.size(), flags));
        for (Frame.Have have : haves) {
            writer.write(have);
        }
        Map<String, Frame.Copy> sent = new HashMap<>();
        for (Frame.Copy copy : copies) {
            writer.write(copy);
            sent.put(copy.name(), copy);
        }
        return new ResumeRequest(part, sent);
    }

    /** How many COPY frames were sent. */
    int copies() {
        return copies.size();
    }

    /**
     * Takes {@code same}, which must answer a COPY this receiver sent, of that name, size and
     * CRC32C: the file counts as verified, by comparison, with the CRC32C given.
     *
     * @return the file as the digest counts it
     * @throws ProtocolException if it matches no COPY
     */
    ResumeState.Verified accept(Frame.UpToDate same) throws ProtocolException {
        Frame.Copy copy = copies.get(same.name());
        if (copy == null || copy.size() != same.size() || copy.crc32c() != same.crc32c()) {
            throw new ProtocolException("UP_TO_DATE of " + Printable.escape(same.name())
                    + " matches no COPY this receiver sent");
        }
        ResumeState.Verified file = new ResumeState.Verified(same.id(), same.name(), same.size(), same.crc32c(),
                copy.mtimeMillis());
        upToDate.add(file);
        return file;
    }

    /** The files found up to date on this connection. */
    List<ResumeState.Verified> upToDate() {
        return List.copyOf(upToDate);
    }

    /** The session starts afresh: nothing offered is held any more. */
    void forget() {
        offered = null;
    }

    /**
     * The checksum {@code start} goes on from: that of the bytes held, when it continues the file
     * offered, a new one when it starts a file from its first byte.
     *
     * @throws ProtocolException if it starts in the middle of a file that is not the one held, or
     *                           not where the bytes held end
     */
    FileChecksum checksumFor(Frame.FileStart start) throws ProtocolException {
        Held.Part part = offered;
        offered = null;
        if (start.offset() == 0) {
            return new FileChecksum();
        }
        if (part == null || part.file().id() != start.id() || !part.file().name().equals(start.name())
                || part.file().size() != start.size() || start.offset() != part.length()) {
            throw new ProtocolException("FILE_START of " + start.name() + " at offset " + start.offset()
                    + " does not continue the file this receiver holds");
        }
        return part.checksum();
    }
}
