package dev.txrx.receiver;

import dev.txrx.common.transport.Agent;
import dev.txrx.common.transport.Connections;
import dev.txrx.common.io.FileChecksums;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.WatchedChannel;
import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Handshake;
import dev.txrx.common.protocol.PeerErrorException;
import dev.txrx.common.text.Printable;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.report.TransferSummary;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one session on a connected channel: handshake, REQUEST, then files until
 * SESSION_END, each verified by CRC32C before it appears under its final name, then the
 * comparison of totals and digests and the SESSION_CONFIRM.
 */
final class ReceiverSession {

    /** Hears about progress; called on the receiving thread. */
    interface Progress {
        void update(long files, long bytes);
    }

    private static final Logger log = LoggerFactory.getLogger(ReceiverSession.class);

    private final SocketChannel socket;
    private final String peer;
    private final ReceiverSettings settings;
    private final StallWatchdog watchdog;
    private final Progress progress;
    private final SessionDigest digest = new SessionDigest();
    private final CRC32C crc = new CRC32C();
    private long started;
    private long bytesArrived;
    private int failedFiles;
    private ErrorCode peerError;
    private final List<Frame.Entry> catalogue = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private Frame.FileStart current;
    private OutputDirectory storage;
    /** Commits verified files in the background and announces them in order. */
    private final GroupCommit commits = new GroupCommit();
    /** True once committing failed: the files still waiting are dropped, not committed. */
    private boolean commitFailed;
    /** Shows a trickle stream if the sender sends one; null where none is expected. */
    private final TrickleView trickle;
    private TrickleView.Totals stream;
    private boolean streaming;
    /** What earlier connections of this session left, and what this one adds; shared by reconnections. */
    private final ResumeState resume;
    /** True once the connection, not the protocol or the disk, failed: the session can be resumed. */
    private boolean connectionLost;
    private boolean sessionStarted;
    /** Bytes of the partial file offered in HAVE. */
    private long heldBytes;
    private static final java.util.UUID NEW_SESSION = new java.util.UUID(0, 0);
    private IncomingFile currentFile;
    private long currentReceived;
    private volatile boolean cancelled;

    ReceiverSession(SocketChannel socket, String peer, ReceiverSettings settings, StallWatchdog watchdog,
                    Progress progress, TrickleView trickle, ResumeState resume) {
        this.resume = resume;
        this.socket = socket;
        this.peer = peer;
        this.settings = settings;
        this.watchdog = watchdog;
        this.progress = progress;
        this.trickle = trickle;
    }

    /** Ends the session from another thread (Ctrl-C): the connection is closed; the partial file stays for a resume. */
    void cancel() {
        cancelled = true;
        Connections.abort(socket);
    }

    /**
     * Runs the session to its end.
     *
     * @return the result, verified or not; a broken connection or protocol is a result too
     */
    ReceiveResult run() {
        started = System.nanoTime();
        try (StallWatchdog.Watch watch = watchdog.watch(socket, settings.idleTimeout(), "waiting for data from " + peer)) {
            watch.expectWithin("waiting for the HELLO of " + peer, settings.handshakeTimeout());
            WatchedChannel channel = new WatchedChannel(socket, watch);
            FrameReader reader = new FrameReader(channel);
            FrameWriter writer = new FrameWriter(channel);
            try {
                return receive(reader, writer, watch);
            } catch (ProtocolException e) {
                log.warn("sender {} broke the protocol: {}", peer, e.getMessage());
                try {
                    writer.write(Frame.Error.truncating(e.code(), e.getMessage()));
                } catch (IOException | RuntimeException ignored) {
                    // the sender may already be gone
                }
                return failed("protocol error: " + e.getMessage());
            } catch (StorageException e) {
                log.error("{}", e.getMessage());
                try {
                    writer.write(Frame.Error.truncating(ErrorCode.INTERNAL, e.getMessage()));
                } catch (IOException | RuntimeException ignored) {
                    // the sender may already be gone
                }
                return failed(e.getMessage());
            } catch (PeerErrorException e) {
                peerError = e.error().code();
                if (peerError == ErrorCode.BUSY) {
                    return failed(Printable.escape(e.error().message()));
                }
                return failed("sender reported " + e.error().code() + ": " + Printable.escape(e.error().message()));
            } catch (IOException e) {
                connectionLost = true;
                String why = cancelled ? "interrupted"
                        : watch.firedMessage() != null ? watch.firedMessage()
                        : e instanceof EOFException ? e.getMessage()
                        : "connection to " + peer + " failed: " + describe(e);
                return failed(incompleteMessage(why));
            }
        } finally {
            settleCommits();
            if (currentFile instanceof StagedFile staged && connectionLost) {
                staged.suspend();
            } else if (currentFile != null) {
                currentFile.abandon();
                if (current != null) {
                    resume.noPartial();
                }
            }
            if (storage != null) {
                storage.finish();
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to say to the sender
            }
        }
    }

    private ReceiveResult receive(FrameReader reader, FrameWriter writer, StallWatchdog.Watch watch)
            throws IOException {
        Frame.Hello hello = Handshake.exchange(reader, writer, Role.RECEIVER, Agent.of("receiver"));
        watch.expect("waiting for data from " + peer, settings.idleTimeout());
        log.info("connected to {} ({})", peer, Printable.escape(hello.agent()));
        writer.write(settings.request());
        if (asked(RequestKind.FILES) || asked(RequestKind.GET)) {
            sendResume(writer);
        }
        started = System.nanoTime();
        boolean listing = asked(RequestKind.LIST);
        while (true) {
            Frame frame = reader.next();
            if (frame == null) {
                throw new EOFException("sender closed the connection before the end of the session");
            }
            if (frame instanceof Frame.SessionEnd end) {
                return onSessionEnd(end, writer);
            } else if (frame instanceof Frame.Error error) {
                throw new PeerErrorException(error);
            } else if (listing) {
                // A catalogue is only ENTRY frames: nothing is stored while listing.
                if (!(frame instanceof Frame.Entry entry)) {
                    throw unexpected(frame, "in answer to LIST");
                }
                EntryNames.requireSafe(entry.name());
                catalogue.add(entry);
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
            } else if (frame instanceof Frame.Missing absent && asked(RequestKind.GET) && current == null) {
                onMissing(absent);
            } else if ((frame instanceof Frame.Text || frame instanceof Frame.Stats) && trickle != null
                    && current == null && digest.files() == 0 && asked(RequestKind.FILES)) {
                // A sender started with --trickle answers FILES with a text stream.
                streaming = true;
                stream = trickle.run(frame, reader, writer);
                return new ReceiveResult(summary(), null, 0, null, catalogue, missing, stream,
                        stream.left() ? null : trickle.endedBecause(), false);
            } else {
                throw unexpected(frame, "during the session");
            }
        }
    }

    private static ProtocolException unexpected(Frame frame, String when) {
        return new ProtocolException("unexpected " + frame.type().name() + " " + when);
    }

    /** MISSING may only name something we asked for, so nothing else reaches the terminal. */
    private void onMissing(Frame.Missing absent) throws ProtocolException {
        if (!settings.request().names().contains(absent.name())) {
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
        checkCommits();
        log.debug("FILE_START id={} name={} size={} offset={}", start.id(), start.name(), start.size(), start.offset());
        ResumeState.Partial partial = resume.partial();
        boolean continues = start.offset() > 0;
        if (continues && (partial == null || partial.id() != start.id() || !partial.name().equals(start.name())
                || partial.size() != start.size() || start.offset() != heldBytes)) {
            throw new ProtocolException("FILE_START of " + start.name() + " at offset " + start.offset()
                    + " does not continue the file this receiver holds");
        }
        if (!continues && partial != null) {
            // The sender starts the file again: what was held is dropped and arrives again.
            resume.resent(heldBytes);
            resume.dropPartial(settings.discard() ? null : storage().root());
        }
        current = start;
        currentReceived = start.offset();
        crc.reset();
        try {
            if (settings.discard()) {
                currentFile = new DiscardedFile();
            } else if (continues) {
                Path temp = storage().root().resolve(partial.temp());
                // The CRC32C of the whole file goes on from that of the bytes already there.
                currentFile = storage().continueFrom(start.name(), temp, start.offset(), start.mtimeMillis(),
                        start.mode()).durable(settings.durable());
                updateCrcFromFile(temp, start.offset());
            } else {
                StagedFile staged = storage().stage(start.name(), start.mtimeMillis(), start.mode());
                // Skipped because the name exists: the content is still verified, then dropped.
                currentFile = staged != null ? staged.durable(settings.durable()) : new DiscardedFile();
                if (staged != null) {
                    resume.receiving(new ResumeState.Partial(start.id(), start.name(), start.size(),
                            start.mtimeMillis(), storage().root().relativize(staged.temp()).toString()));
                }
            }
        } catch (ProtocolException e) {
            current = null;
            throw e;
        } catch (IOException e) {
            current = null;
            throw new StorageException(start.name(), e);
        }
        if (settings.discard() && !continues) {
            resume.receiving(new ResumeState.Partial(start.id(), start.name(), start.size(), start.mtimeMillis(), ""));
        }
    }

    /** Feeds the CRC32C with the first {@code length} bytes of {@code file}. */
    private void updateCrcFromFile(Path file, long length) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(1 << 20);
            long position = 0;
            while (position < length) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new EOFException(file + " is shorter than " + length + " bytes");
                }
                buffer.flip();
                crc.update(buffer);
                position += n;
            }
        }
    }

    /**
     * Tells the sender which session this continues and what is already here: RESUME, then a
     * HAVE for each verified file and one for the file that was arriving, with the CRC32C of
     * the bytes of it on disk. A new session names the nil id and sends no HAVE.
     */
    private void sendResume(FrameWriter writer) throws IOException {
        List<Frame.Have> haves = new ArrayList<>();
        if (resume.session() != null) {
            for (ResumeState.Verified file : resume.verified()) {
                haves.add(new Frame.Have(file.id(), file.size(), file.mtimeMillis(), file.size(), file.crc32c(),
                        file.name()));
            }
            Frame.Have partial = partialHave();
            if (partial != null) {
                haves.add(partial);
            }
        }
        writer.write(new Frame.Resume(resume.session() != null ? resume.session() : NEW_SESSION, haves.size()));
        for (Frame.Have have : haves) {
            writer.write(have);
        }
    }

    /** The HAVE of the file that was arriving, from its temporary file; null if there is none. */
    private Frame.Have partialHave() throws IOException {
        ResumeState.Partial partial = resume.partial();
        heldBytes = 0;
        if (partial == null) {
            return null;
        }
        int prefixCrc;
        if (settings.discard()) {
            // Nothing was kept on disk: resuming from byte 0 is all that makes sense.
            return null;
        }
        Path temp = storage().root().resolve(partial.temp());
        if (!Files.isRegularFile(temp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            resume.noPartial();
            return null;
        }
        heldBytes = Math.min(Files.size(temp), partial.size());
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp)) {
            prefixCrc = FileChecksums.crc32c(channel, heldBytes);
        }
        return new Frame.Have(partial.id(), partial.size(), partial.mtimeMillis(), heldBytes, prefixCrc, partial.name());
    }

    /** SESSION_START: a resumed session goes on from what was verified; a new one starts clean. */
    private void onSessionStart(Frame.SessionStart start) throws IOException {
        if (current != null || sessionStarted) {
            throw new ProtocolException("SESSION_START in the middle of a session");
        }
        sessionStarted = true;
        if (start.resumed() && start.session().equals(resume.session())) {
            for (ResumeState.Verified file : resume.verified()) {
                digest.add(file.id(), file.size(), file.crc32c(), file.name());
            }
            log.info("resuming session {}: {} files already verified", start.session(), resume.verified().size());
        } else {
            if (resume.session() != null) {
                log.info("the sender starts session {} afresh{}", start.session(),
                        start.note().isEmpty() ? "" : ": " + Printable.escape(start.note()));
            }
            resume.startAfresh(start.session(), settings.discard() ? null : storage().root());
            heldBytes = 0;
        }
    }

    /** The output directory, opened (and created) when the first entry arrives. */
    private OutputDirectory storage() throws IOException {
        if (storage == null) {
            storage = new OutputDirectory(settings.outputDir(), settings.onExists());
        }
        return storage;
    }

    private boolean asked(RequestKind kind) {
        return settings.request().kind() == kind;
    }

    private void onDirectory(Frame.Directory directory) throws IOException {
        if (current != null) {
            throw new ProtocolException("DIRECTORY " + directory.name() + " while " + current.name() + " is unfinished");
        }
        EntryNames.requireSafe(directory.name());
        if (settings.discard()) {
            return;
        }
        try {
            storage().directory(directory.name(), directory.mtimeMillis(), directory.mode());
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException e) {
            throw new StorageException(directory.name(), e);
        }
    }

    private void onData(Frame.FileData data) throws IOException {
        if (current == null || data.id() != current.id()) {
            throw new ProtocolException("FILE_DATA for file id " + data.id() + ", which is not the open file");
        }
        int length = data.data().remaining();
        if (currentReceived + length > current.size()) {
            throw new ProtocolException("FILE_DATA runs past the end of " + current.name() + " (" + current.size()
                    + " bytes)");
        }
        crc.update(data.data().duplicate());
        try {
            currentFile.write(data.data());
        } catch (IOException e) {
            throw new StorageException(current.name(), e);
        }
        currentReceived += length;
        bytesArrived += length;
        progress.update(digest.files(), bytesArrived);
    }

    private void onEnd(Frame.FileEnd end) throws IOException {
        if (current == null || end.id() != current.id()) {
            throw new ProtocolException("FILE_END for file id " + end.id() + ", which is not the open file");
        }
        if (currentReceived != current.size()) {
            throw new ProtocolException("FILE_END of " + current.name() + " after " + currentReceived + " of "
                    + current.size() + " bytes");
        }
        int actual = (int) crc.getValue();
        Frame.FileStart file = current;
        IncomingFile incoming = currentFile;
        current = null;
        currentFile = null;
        if (actual != end.crc32c()) {
            incoming.abandon();
            resume.noPartial();
            resume.resent(file.size());
            failedFiles++;
            log.error("{} failed verification: CRC32C {} expected, {} received; discarded", file.name(),
                    String.format("%08x", end.crc32c()), String.format("%08x", actual));
            return;
        }
        resume.noPartial();
        // The file is committed with others (group commit), in the background, and announced
        // once it is on disk; the announcement runs on the committer's thread.
        try {
            commits.add(incoming, file.size(), () -> {
                digest.add(file.id(), file.size(), actual, file.name());
                resume.verified(new ResumeState.Verified(file.id(), file.name(), file.size(), actual,
                        file.mtimeMillis()));
                log.debug("verified {} ({} bytes, crc32c {})", file.name(), file.size(),
                        String.format("%08x", actual));
            });
        } catch (IOException e) {
            throw commitFailure(e);
        }
        progress.update(digest.files(), bytesArrived);
    }

    /** Commits the files that verified and waits for the disk; a failure is the disk's, not the sender's. */
    private void commitVerified() throws StorageException {
        try {
            commits.flush();
        } catch (IOException e) {
            throw commitFailure(e);
        }
        progress.update(digest.files(), bytesArrived);
    }

    /** Throws the failure of a commit in the background, if one failed. */
    private void checkCommits() throws StorageException {
        try {
            commits.check();
        } catch (IOException e) {
            throw commitFailure(e);
        }
    }

    private StorageException commitFailure(IOException e) {
        commitFailed = true;
        return new StorageException("the files just verified", e);
    }

    private ReceiveResult onSessionEnd(Frame.SessionEnd end, FrameWriter writer) throws IOException {
        if (current != null) {
            if (end.status() == SessionStatus.COMPLETE) {
                throw new ProtocolException("SESSION_END while " + current.name() + " is unfinished");
            }
            log.info("sender stopped during {} ({} of {} bytes); discarded it", current.name(), currentReceived,
                    current.size());
            currentFile.abandon();
            current = null;
            currentFile = null;
        }
        commitVerified();
        SessionDigest session = sessionDigest();
        byte[] ours = session.digest();
        String problem = null;
        if (failedFiles > 0) {
            problem = failedFiles + (failedFiles == 1 ? " file" : " files") + " failed verification";
        } else if (end.status() != SessionStatus.COMPLETE) {
            problem = "sender ended the session early" + (end.reason().isEmpty() ? "" : ": " + Printable.escape(end.reason()));
        } else if (end.files() != session.files() || end.bytes() != session.bytes()) {
            problem = "totals differ: sender sent " + end.files() + " files, " + end.bytes() + " bytes; received "
                    + session.files() + " files, " + session.bytes() + " bytes";
        } else if (!Arrays.equals(end.digest(), ours)) {
            problem = "session digests differ";
        }
        writer.write(new Frame.SessionConfirm(problem == null, session.files(), session.bytes(), ours));
        return new ReceiveResult(summary(), end, failedFiles, null, catalogue, missing, null, problem,
                failedFiles > 0);
    }

    private String incompleteMessage(String why) {
        if (current != null) {
            return "incomplete session: " + why + " (during " + current.name() + ", " + currentReceived + " of "
                    + current.size() + " bytes)";
        }
        return "incomplete session: " + why;
    }

    /**
     * Files that verified before the session ended are kept, whatever ended it, unless storing
     * them is what failed (and was reported): waits until they are committed and announced, or
     * dropped.
     */
    private void settleCommits() {
        if (commitFailed) {
            commits.abandon();
            return;
        }
        try {
            commits.flush();
        } catch (IOException e) {
            commitFailed = true;
            log.error("cannot store the files just verified: {}", describe(e));
        }
    }

    private ReceiveResult failed(String problem) {
        // the summary counts every file announced, so none may still be on its way
        settleCommits();
        TrickleView.Totals delivered = streaming && stream == null ? trickle.soFar() : stream;
        // Only a session that started can be resumed; a peer that never got that far is simply refused.
        return new ReceiveResult(summary(), null, failedFiles, peerError, catalogue, missing, delivered, problem,
                connectionLost && sessionStarted && !cancelled && !streaming);
    }

    private TransferSummary summary() {
        SessionDigest session = sessionDigest();
        return new TransferSummary("received", session.files(), session.bytes(),
                Duration.ofNanos(System.nanoTime() - started), session.digest());
    }

    /**
     * The digest of every file verified in the session, over all its connections, in the
     * sender's order (by id): a file fetched again after a failed checksum arrives late but
     * counts in its place.
     */
    private SessionDigest sessionDigest() {
        SessionDigest session = new SessionDigest();
        resume.verified().stream().sorted(java.util.Comparator.comparingLong(ResumeState.Verified::id))
                .forEach(file -> session.add(file.id(), file.size(), file.crc32c(), file.name()));
        return session;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A failure of the local file system, not of the connection. */
    private static final class StorageException extends IOException {
        private static final long serialVersionUID = 1L;

        StorageException(String name, IOException cause) {
            super(cause instanceof FileExistsPolicyException ? cause.getMessage()
                    : "cannot store " + name + ": " + describe(cause), cause);
        }
    }
}
