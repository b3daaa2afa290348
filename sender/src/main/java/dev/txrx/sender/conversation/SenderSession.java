package dev.txrx.sender;

import dev.txrx.common.transport.Agent;
import dev.txrx.common.transport.Connections;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.WatchedChannel;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one receiver: handshake, its REQUEST, then the content (files streamed as soon as
 * they are ready, or the catalogue), then SESSION_END and the receiver's confirmation. Never
 * throws: every failure ends up in the returned {@link SessionOutcome}, logged once.
 */
final class SenderSession {

    private static final Logger log = LoggerFactory.getLogger(SenderSession.class);
    private static final int PACED_MIN_CHUNK = 4096;
    private static final int PACING_STEPS_PER_SECOND = 20;
    private static final long STOP_POLL_MILLIS = 50;
    private static final long MAX_HAVES = 1_000_000;
    /** Files up to this size go in batches (see {@link FrameWriter#batchSmallFile}). */
    static final int SMALL_FILE = 64 * 1024;
    /** The session id a RESUME gives to start a new session: all zeros. */
    static final UUID NEW_SESSION = new UUID(0, 0);

    private final SocketChannel socket;
    private final String peer;
    private final SenderSettings settings;
    private final StallWatchdog watchdog;
    private final ContentSource source;
    private final SessionRegistry registry;
    private final SessionDigest digest = new SessionDigest();
    private final ByteBuffer small = ByteBuffer.allocateDirect(SMALL_FILE);
    private UUID askedToResume;
    private boolean resumed;
    private String sessionNote = "";
    private UUID sessionId;
    private int connection;
    private long skippedFiles;
    private long continuedFiles;
    private long resentBytes;
    private volatile String stopReason;
    private String activity;
    /** PINGs answered, in a latency session; -1 in any other. */
    private long pings = -1;
    private long started;

    SenderSession(SocketChannel socket, String peer, SenderSettings settings, StallWatchdog watchdog,
                  ContentSource source, SessionRegistry registry) {
        this.registry = registry;
        this.socket = socket;
        this.peer = peer;
        this.settings = settings;
        this.watchdog = watchdog;
        this.source = source;
    }

    /**
     * Asks the session to end early: it stops at the next frame boundary, even inside a file,
     * and sends SESSION_END with status ABORTED and this reason. Safe from any thread.
     */
    void stop(String reason) {
        stopReason = reason;
    }

    /** Closes the connection at once, for a session that did not stop in time. */
    void kill() {
        Connections.abort(socket);
    }

    SessionOutcome run() {
        started = System.nanoTime();
        try (StallWatchdog.Watch watch = watchdog.watch(socket, settings.idleTimeout(), "talking to " + peer)) {
            watch.expectWithin("waiting for HELLO and REQUEST from " + peer, settings.handshakeTimeout());
            WatchedChannel channel = new WatchedChannel(socket, watch);
            FrameReader reader = new FrameReader(channel, FrameReader.MIN_BUFFER_SIZE);
            FrameWriter writer = new FrameWriter(channel);
            try {
                return serve(reader, writer, watch);
            } catch (ProtocolException e) {
                log.warn("receiver {} broke the protocol: {}", peer, e.getMessage());
                sendError(writer, e.code(), e.getMessage());
                return outcome(false, "protocol error: " + e.getMessage());
            } catch (PeerErrorException e) {
                if (e.error().code() == ErrorCode.BUSY) {
                    String message = Printable.escape(e.error().message());
                    log.info("receiver {} is busy: {}", peer, message);
                    SessionOutcome busy = outcome(false, message);
                    return new SessionOutcome(peer, busy.summary(), false, busy.problem(), true, null, null);
                }
                log.warn("receiver {} reported an error: {}", peer, e.getMessage());
                return outcome(false, e.getMessage());
            } catch (SourceFailedException e) {
                log.error("cannot serve receiver {}: {}", peer, e.getMessage());
                sendError(writer, ErrorCode.INTERNAL, e.getMessage());
                return outcome(false, e.getMessage());
            } catch (IOException e) {
                String why = watch.firedMessage() != null ? watch.firedMessage() : describe(e);
                log.warn("receiver {} lost: {}", peer, why);
                return outcome(false, why);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome(false, "interrupted");
            } catch (RuntimeException e) {
                log.error("receiver {}: internal error", peer, e);
                sendError(writer, ErrorCode.INTERNAL, "internal error: " + describe(e));
                return outcome(false, "internal error: " + describe(e));
            }
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to tell the peer
            }
        }
    }

    private SessionOutcome serve(FrameReader reader, FrameWriter writer, StallWatchdog.Watch watch)
            throws IOException, InterruptedException {
        Frame.Hello hello = Handshake.exchange(reader, writer, Role.SENDER, Agent.of("sender"));
        log.debug("receiver {} is {}", peer, Printable.escape(hello.agent()));
        Frame request = reader.next();
        if (!(request instanceof Frame.Request r)) {
            throw unexpected(request, "REQUEST");
        }
        watch.expect("sending to " + peer + " (no progress)", settings.idleTimeout());
        started = System.nanoTime();
        boolean complete;
        // FILES and GET are followed by RESUME and its HAVE frames, whatever this sender serves.
        Map<String, Frame.Have> haves = r.kind() == RequestKind.FILES || r.kind() == RequestKind.GET
                ? readResume(reader) : Map.of();
        if (r.kind() == RequestKind.PING) {
            return answerPings(reader, writer, watch);
        } else if (settings.trickle() != null) {
            return trickle(r, reader, writer, watch);
        } else if (r.kind() == RequestKind.LIST) {
            for (Frame.Entry entry : source.catalogue()) {
                writer.write(entry);
            }
            complete = true;
        } else {
            SessionRegistry.Session session = openSession();
            sessionId = session.id;
            connection = registry.connected(session);
            List<String> missing = new ArrayList<>();
            try (SessionContent content = source.open(r.names(), missing, session.seed)) {
                writer.write(new Frame.SessionStart(session.id, resumed, sessionNote));
                for (String name : missing) {
                    log.info("receiver {} asked for {}, which is not here", peer, name);
                    writer.write(new Frame.Missing(name));
                }
                complete = streamAll(writer, content, resumed ? haves : Map.of());
            }
            if (resumed) {
                log.info("receiver {}: {}", peer, resumeNote());
            }
        }
        if (!complete) {
            return endEarly(reader, writer, watch);
        }
        writer.write(new Frame.SessionEnd(SessionStatus.COMPLETE, digest.files(), digest.bytes(), digest.digest(), ""));
        watch.expect("waiting for SESSION_CONFIRM from " + peer, settings.idleTimeout());
        Frame answer = reader.next();
        if (!(answer instanceof Frame.SessionConfirm confirm)) {
            throw unexpected(answer, "SESSION_CONFIRM");
        }
        boolean agrees = confirm.verified() && confirm.files() == digest.files() && confirm.bytes() == digest.bytes()
                && Arrays.equals(confirm.digest(), digest.digest());
        if (!agrees) {
            String problem = "receiver did not verify the session: it counted " + confirm.files() + " files, "
                    + confirm.bytes() + " bytes" + (confirm.verified() ? "" : " and reported a mismatch");
            log.warn("receiver {}: {}", peer, problem);
            return outcome(false, problem);
        }
        return outcome(true, null);
    }

    /**
     * Seed 001's exchange: answers each PING at once with a PONG carrying its id and sequence
     * number and the time since the previous message, until the receiving peer closes.
     */
    private SessionOutcome answerPings(FrameReader reader, FrameWriter writer, StallWatchdog.Watch watch)
            throws IOException {
        watch.expect("waiting for PING from " + peer, settings.idleTimeout());
        long previous = System.nanoTime();
        pings = 0;
        while (stopReason == null) {
            Frame frame = reader.next();
            long now = System.nanoTime();
            if (frame == null) {
                log.info("receiver {}: ping session ended after {} pings", peer, pings);
                return outcome(true, null);
            }
            if (!(frame instanceof Frame.Ping ping)) {
                throw unexpected(frame, "PING");
            }
            writer.write(new Frame.Pong(ping.id(), ping.sequence(), ping.sentNanos(), now - previous,
                    ping.paddingLength()));
            previous = now;
            pings++;
        }
        return outcome(false, stopReason);
    }

    /** Seed 003's stream, in answer to REQUEST FILES from a sender started with {@code --trickle}. */
    private SessionOutcome trickle(Frame.Request request, FrameReader reader, FrameWriter writer,
                                   StallWatchdog.Watch watch) throws IOException, InterruptedException {
        if (request.kind() != RequestKind.FILES) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_REQUEST,
                    "this sender streams text (--trickle); it has no files to list or get");
        }
        // The receiver may stay silent for as long as it likes; a dead one shows when a write fails.
        watch.expect("streaming text to " + peer, Duration.ZERO);
        TrickleStream stream = new TrickleStream(peer, settings.trickle(), reader, writer);
        TrickleStream.End end = stream.run(() -> stopReason != null);
        activity = "streamed " + stream.total() + " symbols";
        switch (end) {
            case RECEIVER_LEFT -> {
                log.info("receiver {} left the stream after {} symbols", peer, stream.total());
                activity += "; the receiver left";
                return outcome(true, null);
            }
            case RECEIVER_GONE -> {
                log.warn("receiver {} went away from the stream after {} symbols", peer, stream.total());
                return outcome(false, "the receiver went away without leaving");
            }
            default -> {
                writer.write(new Frame.SessionEnd(SessionStatus.ABORTED, 0, 0, digest.digest(), stopReason));
                return outcome(false, stopReason);
            }
        }
    }

    /**
     * Sends a small file in the writer's batch, read whole and checksummed here rather than on
     * another thread: for many small files the handoffs and system calls cost more than the bytes.
     */
    private boolean batchSmall(FrameWriter writer, ContentItem.File file) throws IOException, InterruptedException {
        file.written().awaitAtLeast(file.size());
        small.clear().limit((int) file.size());
        while (small.hasRemaining()) {
            if (file.channel().read(small, small.position()) < 0) {
                throw new java.io.EOFException(file.name() + " ended at byte " + small.position() + " of " + file.size());
            }
        }
        small.flip();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(small.duplicate());
        int value = (int) crc.getValue();
        boolean batched = writer.batchSmallFile(
                new Frame.FileStart(file.id(), file.size(), 0, file.mtimeMillis(), file.mode(), file.name()),
                small, new Frame.FileEnd(file.id(), value));
        if (batched) {
            digest.add(file.id(), file.size(), value, file.name());
        }
        return batched;
    }

    /** How this connection resumed its session, for the summary. */
    private String resumeNote() {
        return "resumed session " + sessionId + " (connection " + connection + "): " + skippedFiles
                + " files were already there, " + continuedFiles + " continued, " + resentBytes + " bytes sent again";
    }

    /** Reads the RESUME that follows a REQUEST FILES or GET, and its HAVE frames, by name. */
    private Map<String, Frame.Have> readResume(FrameReader reader) throws IOException {
        Frame frame = reader.next();
        if (!(frame instanceof Frame.Resume resume)) {
            throw unexpected(frame, "RESUME");
        }
        if (resume.haves() > MAX_HAVES) {
            throw new ProtocolException("RESUME announces " + resume.haves() + " HAVE frames, more than " + MAX_HAVES);
        }
        Map<String, Frame.Have> haves = new HashMap<>();
        for (long i = 0; i < resume.haves(); i++) {
            Frame next = reader.next();
            if (!(next instanceof Frame.Have have)) {
                throw unexpected(next, "HAVE");
            }
            haves.put(have.name(), have);
        }
        askedToResume = NEW_SESSION.equals(resume.session()) ? null : resume.session();
        return haves;
    }

    /**
     * Decides which session this connection continues, and says so in SESSION_START. A session
     * this sender started is resumed; so is an unknown one when the content is the same for every
     * session (real files, or a fixed --seed), as after a restart of the sender. The caller
     * says so in SESSION_START once the content opened.
     */
    private SessionRegistry.Session openSession() {
        long seed = settings.seed() != null ? settings.seed() : new SplittableRandom().nextLong();
        SessionRegistry.Session session = null;
        String note = "";
        if (askedToResume != null) {
            session = registry.find(askedToResume);
            if (session == null && (source.reproducible() || settings.seed() != null)) {
                session = registry.adopt(askedToResume, seed);
            }
            if (session == null) {
                note = "this sender does not know session " + askedToResume
                        + " (it may have restarted), and its content differs each time; starting again";
                log.info("receiver {}: {}", peer, note);
            }
        }
        resumed = session != null;
        sessionNote = note;
        if (session == null) {
            session = registry.start(seed);
        }
        return session;
    }

    /**
     * Where to start sending {@code file} to a receiver that holds {@code have} of it from an
     * earlier connection: -1 to skip it (it has all of it), the number of bytes it holds when
     * they match ours, or 0 when the file changed or the bytes differ.
     */
    private long resumeOffset(ContentItem.AnyFile file, Frame.Have have) throws IOException, InterruptedException {
        if (have == null) {
            return 0;
        }
        // Real files are the same when size and time are; generated ones when size and content are.
        boolean same = have.id() == file.id() && have.size() == file.size()
                && (!source.reproducible() || have.mtimeMillis() == file.mtimeMillis());
        if (same && have.complete() && (source.reproducible() || have.crc32c() == file.awaitCrc32c())) {
            return -1;
        }
        if (same && !have.complete() && have.held() > 0 && have.held() <= file.size()
                && file.crc32cOfPrefix(have.held()) == have.crc32c()) {
            return have.held();
        }
        if (have.held() > 0) {
            log.info("receiver {}: {} changed since the last connection, or its {} bytes there differ; "
                    + "sending it from the start", peer, file.name(), have.held());
            resentBytes += have.held();
        }
        return 0;
    }

    /** Sends SESSION_END with status ABORTED and gives the receiver a moment to confirm what it has. */
    private SessionOutcome endEarly(FrameReader reader, FrameWriter writer, StallWatchdog.Watch watch)
            throws IOException {
        String reason = stopReason;
        writer.write(new Frame.SessionEnd(SessionStatus.ABORTED, digest.files(), digest.bytes(), digest.digest(),
                reason));
        watch.expectWithin("waiting for SESSION_CONFIRM from " + peer + " after stopping", SenderSettings.STOP_GRACE);
        try {
            Frame answer = reader.next();
            if (answer instanceof Frame.SessionConfirm confirm) {
                log.info("receiver {} confirmed {} files before the stop", peer, confirm.files());
            }
        } catch (IOException e) {
            log.debug("receiver {}: no confirmation after the stop: {}", peer, describe(e));
        }
        return outcome(false, reason);
    }

    /**
     * Streams every file the content hands out, each as soon as it is ready.
     *
     * @return true when the whole set was sent, false when {@link #stop} cut it short
     */
    private boolean streamAll(FrameWriter writer, SessionContent content, Map<String, Frame.Have> haves)
            throws IOException, InterruptedException {
        RateLimiter limiter = settings.bytesPerSecond() > 0 ? new RateLimiter(settings.bytesPerSecond()) : null;
        int chunk = limiter == null ? FrameWriter.MAX_DATA_PER_FRAME
                : (int) Math.max(PACED_MIN_CHUNK, Math.min(FrameWriter.MAX_DATA_PER_FRAME,
                        settings.bytesPerSecond() / PACING_STEPS_PER_SECOND));
        while (true) {
            ContentItem next = content.next(0);
            while (next == null) {
                // Nothing ready: send what was batched before waiting.
                writer.flush();
                if (stopReason != null) {
                    return false;
                }
                next = content.next(STOP_POLL_MILLIS);
            }
            if (next instanceof ContentItem.End) {
                return true;
            }
            if (next instanceof ContentItem.Directory directory) {
                writer.write(directory.frame());
                continue;
            }
            try (ContentItem.AnyFile file = (ContentItem.AnyFile) next) {
                Frame.Have have = haves.get(file.name());
                long position = resumeOffset(file, have);
                if (position < 0) {
                    digest.add(file.id(), file.size(), have.crc32c(), file.name());
                    skippedFiles++;
                    continue;
                }
                if (position > 0) {
                    continuedFiles++;
                    log.debug("receiver {}: continuing {} from byte {}", peer, file.name(), position);
                }
                boolean sent = file instanceof ContentItem.Streamed streamed
                        ? sendStreamed(writer, streamed, position, limiter, chunk)
                        : sendFile(writer, (ContentItem.File) file, position, limiter, chunk);
                if (!sent) {
                    return false;
                }
            }
        }
    }

    /**
     * Sends a file on disk from {@code position} by sendfile, as far as it is written, waiting
     * when it catches up with a generator still writing it. A small whole file goes in a batch.
     *
     * @return false when {@link #stop} cut it short
     */
    private boolean sendFile(FrameWriter writer, ContentItem.File file, long position, RateLimiter limiter, int chunk)
            throws IOException, InterruptedException {
        if (position == 0 && limiter == null && file.size() <= SMALL_FILE && batchSmall(writer, file)) {
            return true;
        }
        writer.write(new Frame.FileStart(file.id(), file.size(), position, file.mtimeMillis(), file.mode(),
                file.name()));
        while (position < file.size()) {
            if (stopReason != null) {
                return stoppedInside(file, position);
            }
            long written = file.written().await(position + chunk, STOP_POLL_MILLIS);
            if (written <= position) {
                continue;
            }
            long n = Math.min(chunk, written - position);
            writer.transferData(file.id(), file.channel(), position, n, chunk);
            position += n;
            if (limiter != null) {
                limiter.acquire(n);
            }
        }
        endFile(writer, file);
        return true;
    }

    /**
     * Sends a file generated in memory from {@code position}: each buffer the generating thread
     * fills goes out as FILE_DATA (header and data in one gathering write) and comes back to be
     * filled again. A small file from its start goes in a batch.
     *
     * @return false when {@link #stop} cut it short
     */
    private boolean sendStreamed(FrameWriter writer, ContentItem.Streamed file, long position, RateLimiter limiter,
                                 int chunk) throws IOException, InterruptedException {
        StreamedFile content = file.content();
        content.open(position);
        Frame.FileStart start = new Frame.FileStart(file.id(), file.size(), position, file.mtimeMillis(), file.mode(),
                file.name());
        boolean small = position == 0 && limiter == null && file.size() > 0 && file.size() <= SMALL_FILE;
        if (!small) {
            writer.write(start);
        }
        while (position < file.size()) {
            if (stopReason != null) {
                return stoppedInside(file, position);
            }
            ByteBuffer data = content.next(STOP_POLL_MILLIS);
            if (data == null) {
                continue;
            }
            try {
                if (small) {
                    Frame.FileEnd end = new Frame.FileEnd(file.id(), file.awaitCrc32c());
                    if (!writer.batchSmallFile(start, data, end)) {
                        writer.write(start);
                        writer.writeData(file.id(), data);
                        writer.write(end);
                    }
                    digest.add(file.id(), file.size(), end.crc32c(), file.name());
                    return true;
                }
                while (data.hasRemaining()) {
                    if (stopReason != null) {
                        return stoppedInside(file, position);
                    }
                    int n = Math.min(chunk, data.remaining());
                    int limit = data.limit();
                    data.limit(data.position() + n);
                    writer.writeData(file.id(), data);
                    data.limit(limit);
                    position += n;
                    if (limiter != null) {
                        limiter.acquire(n);
                    }
                }
            } finally {
                content.release(data);
            }
        }
        endFile(writer, file);
        return true;
    }

    /** Notes where {@link #stop} cut a file short; false, for the caller to return. */
    private boolean stoppedInside(ContentItem.AnyFile file, long position) {
        log.debug("receiver {}: stopped inside {} at byte {}", peer, file.name(), position);
        return false;
    }

    /** Sends FILE_END with the file's CRC32C, once it is known, and counts the file in the digest. */
    private void endFile(FrameWriter writer, ContentItem.AnyFile file) throws IOException, InterruptedException {
        int crc = file.awaitCrc32c();
        writer.write(new Frame.FileEnd(file.id(), crc));
        digest.add(file.id(), file.size(), crc, file.name());
        log.debug("receiver {}: sent {} ({} bytes, crc32c {})", peer, file.name(), file.size(),
                String.format("%08x", crc));
    }

    private SessionOutcome outcome(boolean confirmed, String problem) {
        TransferSummary summary = new TransferSummary("sent", digest.files(), digest.bytes(),
                Duration.ofNanos(System.nanoTime() - started), digest.digest());
        if (pings >= 0) {
            activity = "answered " + pings + (pings == 1 ? " ping" : " pings");
        }
        return new SessionOutcome(peer, summary, confirmed, problem, false, activity, resumed ? resumeNote() : null);
    }

    private void sendError(FrameWriter writer, ErrorCode code, String message) {
        try {
            writer.write(Frame.Error.truncating(code, message));
        } catch (IOException | RuntimeException ignored) {
            // the peer may already be gone; the error is logged either way
        }
    }

    private static IOException unexpected(Frame frame, String expected) {
        if (frame == null) {
            return new java.io.EOFException("connection closed while waiting for " + expected);
        }
        if (frame instanceof Frame.Error error) {
            return new PeerErrorException(error);
        }
        return new ProtocolException("expected " + expected + ", got " + dev.txrx.common.protocol.FrameFormat.typeName(frame.type()));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
