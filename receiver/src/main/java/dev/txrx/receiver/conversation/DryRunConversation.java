package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.PeerErrorException;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.LocalFailureException;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.receiver.store.Held;
import dev.txrx.receiver.store.Store;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dry run ({@code receiver --dry-run}, protocol version 3): REQUEST, then RESUME with the
 * DRY_RUN flag and a COPY for each file the output directory holds; the sender answers with an
 * ENTRY for each file it would send and an UP_TO_DATE for each that is the same here, and ends with
 * the empty session, which SESSION_CONFIRM confirms. Nothing is stored, and no content flows.
 */
final class DryRunConversation implements Conversation<FilesAnswer> {

    private final Frame.Request request;
    private final String peer;
    private final Store store;
    private final List<DryRunResult.File> files = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private boolean sessionStarted;

    DryRunConversation(Frame.Request request, String peer, Store store) {
        this.request = request;
        this.peer = peer;
        this.store = store;
    }

    @Override
    public FilesAnswer converse(PeerConnection connection) throws IOException {
        if (connection.version() < FrameFormat.SYNC_VERSION) {
            throw new LocalFailureException("sender " + peer + " speaks protocol version " + connection.version()
                    + ", which has no dry run; upgrade the sender");
        }
        connection.expectIdle("waiting for data from " + peer);
        FrameWriter writer = connection.writer();
        writer.write(request);
        ResumeRequest resume = ResumeRequest.send(writer, Held.NOTHING, store.copies(request), Frame.Resume.DRY_RUN);
        FrameReader reader = connection.reader();
        Frame first = reader.next();
        if (!(first instanceof Frame.SessionStart)) {
            throw PeerConnection.unexpected(first, "SESSION_START");
        }
        sessionStarted = true;
        for (Frame frame = reader.next(); ; frame = reader.next()) {
            if (frame == null) {
                throw new EOFException("sender closed the connection before the end of the dry run");
            } else if (frame instanceof Frame.Error error) {
                throw new PeerErrorException(error);
            } else if (frame instanceof Frame.Entry entry && !entry.directory()) {
                EntryNames.requireSafe(entry.name());
                files.add(new DryRunResult.File(entry.name(), entry.size(), false));
            } else if (frame instanceof Frame.UpToDate same) {
                resume.accept(same);
                files.add(new DryRunResult.File(same.name(), same.size(), true));
            } else if (frame instanceof Frame.Missing absent && request.kind() == RequestKind.GET
                    && request.names().contains(absent.name())) {
                missing.add(absent.name());
            } else if (frame instanceof Frame.SessionEnd end) {
                return new DryRunResult(files, missing, answer(writer, end));
            } else {
                throw new ProtocolException("unexpected " + frame.type().name() + " during a dry run");
            }
        }
    }

    /** Confirms the empty session that a dry run ends with; why not, or null. */
    private static String answer(FrameWriter writer, Frame.SessionEnd end) throws IOException {
        SessionDigest empty = new SessionDigest();
        String problem = null;
        if (end.status() != SessionStatus.COMPLETE) {
            problem = "sender ended the dry run early";
        } else if (end.files() != 0 || end.bytes() != 0 || !Arrays.equals(end.digest(), empty.digest())) {
            problem = "sender ended the dry run with files in its totals";
        }
        writer.write(new Frame.SessionConfirm(problem == null, 0, 0, empty.digest()));
        return problem;
    }

    @Override
    public FilesAnswer failed(Failure failure) {
        RefusedRequest refused = sessionStarted ? null : RefusedRequest.of(failure, request.kind());
        return refused != null ? refused : new DryRunResult(files, missing, Problems.ofSession(failure, peer));
    }
}
