package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.receiver.store.FileChecksum;
import dev.txrx.receiver.store.Held;
import dev.txrx.receiver.store.ResumeState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What follows the REQUEST of a FILES or GET session: RESUME, naming the session it continues
 * (the nil id for a new one), then a HAVE for each file already verified and one for the file that
 * was arriving, with the CRC32C of the bytes of it held. It keeps that checksum: a FILE_START that
 * goes on from the held bytes goes on from it, so they are read once.
 */
final class ResumeRequest {

    /** The session id of RESUME for a new session. */
    static final UUID NEW_SESSION = new UUID(0, 0);

    /** The partial file offered in HAVE, until a FILE_START takes it or the session starts afresh. */
    private Held.Part offered;

    private ResumeRequest(Held.Part offered) {
        this.offered = offered;
    }

    /** Sends RESUME and its HAVE frames for what {@code held} holds. */
    static ResumeRequest send(FrameWriter writer, Held held) throws IOException {
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
        writer.write(new Frame.Resume(held.session() != null ? held.session() : NEW_SESSION, haves.size()));
        for (Frame.Have have : haves) {
            writer.write(have);
        }
        return new ResumeRequest(part);
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
