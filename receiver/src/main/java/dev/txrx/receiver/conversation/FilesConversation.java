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
import dev.txrx.common.report.Compared;
import dev.txrx.common.report.FileDone;
import dev.txrx.common.report.Totals;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.text.Printable;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.receiver.store.Held;
import dev.txrx.receiver.store.ResumeState;
import dev.txrx.receiver.store.Store;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FILES or GET session over one connection, on the receiving side: REQUEST and the
 * {@link ResumeRequest}, then SESSION_START, MISSING, DIRECTORY and files until SESSION_END, each
 * file verified by CRC32C before the {@link Store} gives it its final name; then the totals and
 * digest against the sender's, and SESSION_CONFIRM. What spans connections, the files verified and
 * the partial one, is the store's. A sender started with {@code --trickle} answers FILES with a
 * text stream instead: given a {@link TrickleListener}, the conversation follows it with a
 * {@link TrickleClient}; without one, the stream breaks the protocol.
 */
public final class FilesConversation implements Conversation<FilesAnswer> {

    private static final Logger log = LoggerFactory.getLogger(FilesConversation.class);

    private final Frame.Request request;
    private final String peer;
    private final Store store;
    private final TransferEvents events;
    private final TrickleListener trickle;
    private final int reconnections;
    private final List<String> missing = new ArrayList<>();
    private long started = System.nanoTime();
    private UUID heldSession;
    private ResumeRequest resume;
    private ArrivingFile current;
    private TrickleClient stream;
    private boolean sessionStarted;
    /** True once the HELLOs were exchanged: the peer is a sender, and a loss from here on is retried. */
    private boolean handshaken;
    private int failedFiles;
    private long bytesArrived;
    /** When the open file's first byte on this connection came (nanoTime), and its bytes so far. */
    private long fileStarted;
    private long fileArrived;
    /**
     * True once a file arrived that cannot arrive again: a stream (of unknown size), or any file
     * written to standard output, whose bytes are out already. From then on the session never resumes.
     */
    private boolean unrepeatable;
    /** Why such a file failed its checksum, or null. */
    private String unrepeatableFailure;

    /**
     * A conversation with {@code peer} (its address, for messages) storing into {@code store}.
     *
     * @param events        hears how the session goes: its start, its bytes, each file verified
     * @param trickle       hears a trickle stream, if the sender sends one; null where none is expected
     * @param reconnections how many times the session connected again before this connection
     */
    public FilesConversation(Frame.Request request, String peer, Store store, TransferEvents events,
                             TrickleListener trickle, int reconnections) {
        this.request = request;
        this.peer = peer;
        this.store = store;
        this.events = events;
        this.trickle = trickle;
        this.reconnections = reconnections;
    }

    @Override
    public FilesAnswer converse(PeerConnection connection) throws IOException {
        handshaken = true;
        connection.expectIdle("waiting for data from " + peer);
        log.info("connected to {} ({}), {}", peer, Printable.escape(connection.peerHello().agent()),
                connection.protection());
        events.connected(peer, connection.protection());
        FrameWriter writer = connection.writer();
        Excludes.requireUnderstood(request, connection);
        writer.write(request);
        Held held = store.held();
        heldSession = held.session();
        // a version 2 sender knows no COPY: it would take the first for a protocol error
        resume = connection.version() >= FrameFormat.SYNC_VERSION
                ? ResumeRequest.send(writer, held, store.copies(request), 0) : ResumeRequest.send(writer, held);
        started = System.nanoTime();
        FrameReader reader = connection.reader();
        Frame first = reader.next();
        if (trickle != null && request.kind() == RequestKind.FILES
                && (first instanceof Frame.Text || first instanceof Frame.Stats)) {
            stream = new TrickleClient(trickle);
            return stream.follow(first, reader, writer);
        }
        // a file session's answer begins with SESSION_START (or a refusal, an ERROR)
        if (!(first instanceof Frame.SessionStart start)) {
            throw PeerConnection.unexpected(first, "SESSION_START");
        }
        onSessionStart(start);
        for (Frame frame = reader.next(); ; frame = reader.next()) {
            if (frame instanceof Frame.SessionEnd end) {
                return onSessionEnd(end, writer);
            }
            take(frame);
        }
    }

    private void take(Frame frame) throws IOException {
        if (frame == null) {
            throw new EOFException("sender closed the connection before the end of the session");
        } else if (frame instanceof Frame.Error error) {
            throw new PeerErrorException(error);
        } else if (frame instanceof Frame.SessionStart start) {
            onSessionStart(start);
        } else if (frame instanceof Frame.FileData data) {
            onData(data);
        } else if (frame instanceof Frame.FileStart start) {
            onStart(start);
        } else if (frame instanceof Frame.FileEnd end) {
            onEnd(end);
        } else if (frame instanceof Frame.Directory directory) {
            onDirectory(directory);
        } else if (frame instanceof Frame.UpToDate same && current == null) {
            onUpToDate(same);
        } else if (frame instanceof Frame.Missing absent && request.kind() == RequestKind.GET && current == null) {
            onMissing(absent);
        } else {
            throw new ProtocolException("unexpected " + frame.type().name() + " during the session");
        }
    }

    /** SESSION_START: a resumed session goes on from what was verified; a new one starts clean. */
    private void onSessionStart(Frame.SessionStart start) throws ProtocolException {
        if (sessionStarted) {
            throw new ProtocolException("SESSION_START in the middle of a session");
        }
        sessionStarted = true;
        events.started(new Totals(start.files(), start.bytes()));
        if (start.resumed() && start.session().equals(heldSession)) {
            store.resumed();
            log.info("resuming session {}: {} files already verified", start.session(), store.verifiedFiles());
            long bytes = store.verified().stream().mapToLong(ResumeState.Verified::size).sum();
            events.resumed(start.session().toString(), store.verifiedFiles(), bytes);
            events.skipped(store.verifiedFiles(), bytes);
        } else {
            if (heldSession != null) {
                log.info("the sender starts session {} afresh{}", start.session(),
                        start.note().isEmpty() ? "" : ": " + Printable.escape(start.note()));
            }
            store.startAfresh(start.session());
            resume.forget();
        }
    }

    /** MISSING may only name something we asked for, so nothing else reaches the terminal. */
    private void onMissing(Frame.Missing absent) throws ProtocolException {
        if (!request.names().contains(absent.name())) {
            throw new ProtocolException("MISSING names an entry that was not asked for");
        }
        log.warn("the sender has no entry named {}", absent.name());
        missing.add(absent.name());
    }

    private void onStart(Frame.FileStart start) throws IOException {
        if (current != null) {
            throw new ProtocolException("FILE_START of " + start.name() + " while " + current.name() + " is unfinished");
        }
        EntryNames.requireSafe(start.name());
        log.debug("FILE_START id={} name={} size={} offset={}", start.id(), start.name(), start.size(), start.offset());
        ArrivingFile file = new ArrivingFile(start, resume.checksumFor(start));
        unrepeatable |= file.stream() || store.writesOut();
        if (start.offset() > 0) {
            store.resume(start);
            events.skipped(0, start.offset());
        } else {
            store.begin(start);
        }
        current = file;
        fileStarted = System.nanoTime();
        fileArrived = 0;
    }

    private void onData(Frame.FileData data) throws IOException {
        if (current == null || !current.is(data.id())) {
            throw new ProtocolException("FILE_DATA for file id " + data.id() + ", which is not the open file");
        }
        int length = data.data().remaining();
        current.take(data);
        store.write(data.data());
        bytesArrived += length;
        fileArrived += length;
        events.moved(length);
    }

    private void onEnd(Frame.FileEnd end) throws IOException {
        if (current == null || !current.is(end.id())) {
            throw new ProtocolException("FILE_END for file id " + end.id() + ", which is not the open file");
        }
        int actual = current.checksumAtEnd(end);
        ArrivingFile file = current;
        current = null;
        if (actual != end.crc32c()) {
            store.corrupt();
            failedFiles++;
            log.error("{} failed verification: CRC32C {} expected, {} received; discarded", file.name(),
                    String.format("%08x", end.crc32c()), String.format("%08x", actual));
            if (unrepeatable) {
                unrepeatableFailure = file.name() + " failed verification (CRC32C " + String.format("%08x", actual)
                        + ", the sender's " + String.format("%08x", end.crc32c()) + ")" + (store.writesOut()
                        ? "; what reached standard output is not to be trusted" : "; a stream cannot arrive again");
                events.failed(unrepeatableFailure);
            } else {
                events.failed(file.name() + " failed verification; it arrives again");
            }
            return;
        }
        // The store commits it with others in the background; it counts, and is told, once it is on disk.
        FileDone done = new FileDone(file.name(), file.received(), fileArrived,
                Duration.ofNanos(System.nanoTime() - fileStarted));
        store.verified(actual, () -> events.fileDone(done));
    }

    /** UP_TO_DATE: the copy this receiver holds is the file; it counts as verified, by comparison. */
    private void onUpToDate(Frame.UpToDate same) throws ProtocolException {
        resume.accept(same);
        log.debug("UP_TO_DATE id={} name={} size={}", same.id(), same.name(), same.size());
        events.skipped(1, same.size());
    }

    private void onDirectory(Frame.Directory directory) throws IOException {
        if (current != null) {
            throw new ProtocolException("DIRECTORY " + directory.name() + " while " + current.name() + " is unfinished");
        }
        EntryNames.requireSafe(directory.name());
        store.directory(directory);
    }

    private FilesResult onSessionEnd(Frame.SessionEnd end, FrameWriter writer) throws IOException {
        if (current != null) {
            if (end.status() == SessionStatus.COMPLETE) {
                throw new ProtocolException("SESSION_END while " + current.name() + " is unfinished");
            }
            // The sender stops at a frame boundary, so every byte held is one it sent: keep them to resume.
            log.info("sender stopped during {} ({} of {} bytes); kept for the next connection", current.name(),
                    current.received(), current.start().size());
            store.suspend();
            current = null;
        }
        store.commitVerified();
        SessionDigest received = Verdict.digest(store.verified(), upToDate());
        String problem = Verdict.answer(writer, end, received, failedFiles);
        if (unrepeatableFailure != null) {
            problem = unrepeatableFailure;
        }
        // A sender that stopped early (ABORTED, as on its Ctrl-C) can be asked again to go on; not a stream.
        return result(received, end, problem,
                !unrepeatable && (failedFiles > 0 || end.status() == SessionStatus.ABORTED));
    }

    /**
     * What the session did until {@code failure}. Files that verified before are kept, whatever
     * ended it, unless storing them is what failed; a file cut off by a broken connection stays for
     * the next one. A connection lost after the handshake but before SESSION_START is retried too:
     * it asked for the same session, and the sender may have been too busy to answer (a refusal is
     * an ERROR, not a loss). A peer that never said HELLO is not a sender to come back to.
     */
    @Override
    public FilesAnswer failed(Failure failure) {
        RefusedRequest refused = sessionStarted ? null : RefusedRequest.of(failure, request.kind());
        if (refused != null) {
            store.finish();
            return refused;
        }
        String problem = Problems.ofSession(failure, peer);
        if (stream != null) {
            return stream.failed(problem);
        }
        boolean lost = Problems.lost(failure);
        if (unrepeatable && failure instanceof Failure.ConnectionLost) {
            return streamCut(failure);
        }
        events.failed(problem);
        if (lost && current != null) {
            problem += " (" + current.progress() + ")";
            store.suspend();
        }
        // the summary counts every file committed, so none may still be on its way
        store.finish();
        return result(Verdict.digest(store.verified(), upToDate()), null, problem,
                failure instanceof Failure.ConnectionLost && handshaken);
    }

    /**
     * The connection was lost during a stream, or after it before the session ended: what arrived
     * is dropped (a stream's staged file is deleted), and no other connection may go on with it.
     */
    private FilesResult streamCut(Failure failure) {
        String problem = "the stream was cut after " + bytesArrived + " bytes; a stream cannot be resumed ("
                + Problems.ofSession(failure, peer) + ")";
        events.failed(problem);
        store.abandon();
        store.finish();
        return new FilesResult(Verdict.summary(Verdict.digest(store.verified(), upToDate()), started, bytesArrived), null,
                failedFiles, missing, problem, false, reconnections, store.resentBytes(), true, Compared.NONE);
    }

    private FilesResult result(SessionDigest received, Frame.SessionEnd end, String problem, boolean resumable) {
        List<ResumeState.Verified> same = upToDate();
        Compared compared = Compared.of(resume == null ? 0 : resume.copies(), same.size(),
                same.stream().mapToLong(ResumeState.Verified::size).sum(), received.files(), received.bytes());
        return new FilesResult(Verdict.summary(received, started, bytesArrived), end, failedFiles, missing, problem, resumable,
                reconnections, store.resentBytes(), false, compared);
    }

    /** What this connection found up to date: nothing before RESUME went out. */
    private List<ResumeState.Verified> upToDate() {
        return resume == null ? List.of() : resume.upToDate();
    }

    @Override
    public void end() {
        store.finish();
    }
}
