package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.report.Compared;
import dev.txrx.common.text.Counts;
import dev.txrx.common.tls.Fingerprint;
import dev.txrx.sender.content.ContentItem;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one connection's session begins after its RESUME: which session it continues, and for each
 * file whether to skip it (the receiver has all of it), leave it out as up to date (the receiver's
 * COPY of it is the same, version 3), continue it where the receiver's bytes end, or send it from
 * the start. It counts what it decided, for the summary of the resume and of the comparison.
 */
final class ResumeDecision {

    private static final Logger log = LoggerFactory.getLogger(ResumeDecision.class);

    /**
     * Where a file starts.
     *
     * @param skip     true when the receiver has all of it: nothing is sent
     * @param position the first byte to send, when it is sent
     * @param crc32c   the CRC32C of the file the receiver has, when it is skipped
     * @param same     the receiver's COPY that is the same as the file, which is then not sent
     *                 (UP_TO_DATE); null otherwise
     */
    record Start(boolean skip, long position, int crc32c, Frame.Copy same) {
        static Start at(long position) {
            return new Start(false, position, 0, null);
        }

        static Start skipped(int crc32c) {
            return new Start(true, 0, crc32c, null);
        }

        static Start upToDate(Frame.Copy copy) {
            return new Start(false, 0, copy.crc32c(), copy);
        }

        /** True when the receiver's copy is the file: UP_TO_DATE goes in its place. */
        boolean upToDate() {
            return same != null;
        }
    }

    /**
     * The session a connection continues.
     *
     * @param connection how many connections the session has had, this one included
     * @param resumed    true when it is an earlier connection's session
     * @param note       why the session the receiver asked for was not resumed; empty otherwise
     */
    private record Choice(SessionRegistry.Session session, int connection, boolean resumed, String note) {
    }

    private final String peer;
    private final Choice choice;
    private final boolean reproducible;
    /** What the receiver holds of the session it continues; nothing when a new session starts. */
    private final Map<String, Frame.Have> haves;
    /** The copies the receiver holds outside the session, in a new session as in a resumed one. */
    private final Map<String, Frame.Copy> copies;
    private final boolean dryRun;
    private long upToDateFiles;
    private long upToDateBytes;
    private long skippedFiles;
    private long continuedFiles;
    private long resentBytes;

    private ResumeDecision(String peer, Choice choice, boolean reproducible, ResumeRequest request) {
        this.peer = peer;
        this.choice = choice;
        this.reproducible = reproducible;
        this.haves = choice.resumed() ? request.haves() : Map.of();
        this.copies = request.copies();
        this.dryRun = request.dryRun();
    }

    /**
     * Decides which session this connection continues, and counts the connection to it. A session
     * this sender started is resumed; so is an unknown one when the content is the same for every
     * session (real files, or a fixed seed), as after a restart of the sender. Otherwise a new
     * session starts, with the seed given or a fresh one.
     *
     * A session is resumed only for the identity that started it: another one is refused.
     *
     * @param fixedSeed the seed of every session, or null for a fresh one per session
     * @param identity  the receiver's identity, or null in clear
     * @throws ProtocolException (UNAUTHORIZED) if the session asked for belongs to another identity
     */
    static ResumeDecision decide(ResumeRequest request, SessionRegistry registry, boolean reproducible, Long fixedSeed,
                                 String peer, Fingerprint identity) throws ProtocolException {
        long seed = fixedSeed != null ? fixedSeed : new SplittableRandom().nextLong();
        SessionRegistry.Session session = null;
        String note = "";
        if (request.session() != null) {
            session = registry.find(request.session());
            if (session != null && !session.ownedBy(identity)) {
                throw new ProtocolException(ErrorCode.UNAUTHORIZED, "session " + request.session()
                        + " was started by another identity");
            }
            if (session == null && (reproducible || fixedSeed != null)) {
                session = registry.adopt(request.session(), seed, identity);
            }
            if (session == null) {
                note = "this sender does not know session " + request.session()
                        + " (it may have restarted), and its content differs each time; starting again";
                log.info("receiver {}: {}", peer, note);
            }
        }
        boolean resumed = session != null;
        if (request.dryRun()) {
            // a dry run's session is not remembered: a RESUME of it later starts afresh
            session = new SessionRegistry.Session(UUID.randomUUID(), seed, identity);
            return new ResumeDecision(peer, new Choice(session, 1, false, note), reproducible, request);
        }
        if (!resumed) {
            session = registry.start(seed, identity);
        }
        return new ResumeDecision(peer, new Choice(session, registry.connected(session), resumed, note), reproducible,
                request);
    }

    /** The session's id, for SESSION_START. */
    UUID sessionId() {
        return choice.session().id;
    }

    /** The seed of the session's generated content. */
    long seed() {
        return choice.session().seed;
    }

    /** True when this connection continues an earlier one's session. */
    boolean resumed() {
        return choice.resumed();
    }

    /** Why a session the receiver asked for was not resumed, for SESSION_START; empty otherwise. */
    String note() {
        return choice.note();
    }

    /**
     * Where to start sending {@code file}, given what the receiver holds of it from an earlier
     * connection: skip it when it has all of it, continue after the bytes it holds when they match
     * ours, or start again when the file changed or the bytes differ.
     */
    Start startOf(ContentItem.AnyFile file) throws IOException, InterruptedException {
        Frame.Have have = haves.get(file.name());
        // a stream cannot be read again: whatever the receiver holds, it goes from the start, and is never up to date
        if (have == null || !file.sizeKnown()) {
            Frame.Copy copy = file.sizeKnown() ? copies.get(file.name()) : null;
            if (copy != null && sameAs(copy, file)) {
                upToDateFiles++;
                upToDateBytes += copy.size();
                return Start.upToDate(copy);
            }
            return Start.at(0);
        }
        // Real files are the same when size and time are; generated ones when size and content are.
        boolean same = have.id() == file.id() && have.size() == file.size()
                && (!reproducible || have.mtimeMillis() == file.mtimeMillis());
        if (same && have.complete() && (reproducible || have.crc32c() == file.awaitCrc32c())) {
            skippedFiles++;
            return Start.skipped(have.crc32c());
        }
        if (same && !have.complete() && have.held() > 0 && have.held() <= file.size()
                && file.crc32cOfPrefix(have.held()) == have.crc32c()) {
            continuedFiles++;
            log.debug("receiver {}: continuing {} from byte {}", peer, file.name(), have.held());
            return Start.at(have.held());
        }
        if (have.held() > 0) {
            log.info("receiver {}: {} changed since the last connection, or its {} bytes there differ; "
                    + "sending it from the start", peer, file.name(), have.held());
            resentBytes += have.held();
        }
        return Start.at(0);
    }

    /**
     * True when the receiver's {@code copy} is {@code file}, as its check says: the same size and
     * either the same time in milliseconds (not 0: unknown) or the same CRC32C of the whole content.
     * Generated content is new each time, so it is never the same as a copy.
     */
    private boolean sameAs(Frame.Copy copy, ContentItem.AnyFile file) throws IOException, InterruptedException {
        if (!reproducible || copy.size() != file.size()) {
            return false;
        }
        if (!copy.byContent()) {
            return copy.mtimeMillis() != 0 && copy.mtimeMillis() == file.mtimeMillis();
        }
        return file.crc32cOfPrefix(file.size()) == copy.crc32c();
    }

    /** True when the receiver asked for a dry run: what would be sent is told, and nothing is sent. */
    boolean dryRun() {
        return dryRun;
    }

    /** How the receiver's copies compared, in a session of {@code files} files of {@code bytes} bytes. */
    Compared compared(long files, long bytes) {
        if (dryRun) {
            // nothing counts in a dry run's totals, and nothing is sent
            return new Compared(copies.size(), upToDateFiles, upToDateBytes, 0, 0);
        }
        return Compared.of(copies.size(), upToDateFiles, upToDateBytes, files, bytes);
    }

    /** Files the receiver holds whole, as its HAVE frames say: none unless the session is resumed. */
    long heldFiles() {
        return haves.values().stream().filter(Frame.Have::complete).count();
    }

    /** Bytes of the files the receiver holds whole. */
    long heldBytes() {
        return haves.values().stream().filter(Frame.Have::complete).mapToLong(Frame.Have::size).sum();
    }

    /** How this connection resumed its session, for the summary; null when it started a new one. */
    String summary() {
        if (!choice.resumed()) {
            return null;
        }
        return "resumed session " + sessionId() + " (connection " + choice.connection() + "): "
                + Counts.of(skippedFiles, "file was", "files were") + " already there, " + continuedFiles + " continued, "
                + Counts.of(resentBytes, "byte") + " sent again";
    }
}
