package dev.txrx.receiver.store;

import dev.txrx.common.tls.Fingerprint;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Glob;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.text.Reasons;
import dev.txrx.common.transport.LocalFailureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's one door to the disk, for one session of the protocol, which may span
 * connections: the output directory (or nowhere, with {@code --discard} or a dry run), the files
 * staged in it, their group commit, the resume journal ({@link ResumeState}), and the copies it
 * already holds, to compare ({@link #copies}). What happens to an arriving file,
 * and in which order, is written here and nowhere else:
 *
 * <ol>
 * <li>{@link #begin}: the file is staged under a hidden temporary name, and the journal records it
 *     as the partial file; a partial file held from before is deleted first, since the sender
 *     starts it again. {@link #resume} instead goes on with the held partial file.
 * <li>{@link #write}: its bytes go to the temporary file.
 * <li>{@link #verified}: its checksum matched. The journal lets go of it as the partial file, and it
 *     joins the group commit, which publishes it as {@link Publication} says: its data durable,
 *     then journaled as publishing, then under its final name, then journaled as verified; a run
 *     killed in between is recovered when the next store opens. {@link #corrupt}: its checksum
 *     did not match; it is deleted.
 * <li>{@link #suspend}: the connection broke while it arrived; its temporary file stays, still the
 *     journal's partial file, for the next connection to resume.
 * <li>{@link #finish}: the connection is over. The files that verified are committed, a file
 *     neither finished nor suspended is deleted, and directories get their times and modes.
 * </ol>
 *
 * <p>A failure of the disk is a {@link LocalFailureException} ({@code cannot store NAME: reason},
 * or the policy's own message for {@code --on-exists fail}); a name the sender must not use is a
 * {@link ProtocolException}.
 *
 * <p>One receiving thread uses a store at a time; the committer thread records files in the
 * journal meanwhile.
 */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);

    /** What an earlier run of the same session left, for the person: files verified, and the one in part. */
    public record Leftover(int verifiedFiles, String partialName) {
    }

    /** The file arriving, where its bytes go, and its temporary file as the journal names it ("" if none). */
    private record Arrival(Frame.FileStart start, IncomingFile file, String temp) {
        /** A stream, of unknown size: never journaled, never resumed. */
        boolean stream() {
            return !start.sizeKnown();
        }
    }

    private final ResumeState journal;
    private final Destination destination;
    private final GroupCommit commits;
    /** Files verified and committed in the session so far; counted on the committer's thread. */
    private final AtomicInteger verifiedFiles = new AtomicInteger();
    private Arrival arriving;
    /** Bytes of the arriving file written so far, from its FILE_START's offset: a stream's size once it ends. */
    private long arrivingBytes;
    /** Bytes of the partial file that this connection's {@link #held} offered. */
    private long heldBytes;
    private long resentBytes;
    /** True once committing failed: the files still waiting are dropped, not committed. */
    private boolean commitFailed;

    private final Publication.Checkpoint checkpoint;
    private final StoreSettings settings;
    /** Whether a later connection may go on with a file cut off: not for an upload. */
    private final boolean resumable;

    private Store(StoreSettings settings, ResumeState journal, DiskThreads threads, Publication.Checkpoint checkpoint,
                  boolean resumable) {
        this.journal = journal;
        this.settings = settings;
        this.resumable = resumable;
        this.destination = settings.stdout() != null ? new StandardOutput(settings.stdout())
                : settings.keepsFiles() ? new OnDisk(settings, threads) : new Nowhere();
        this.commits = new GroupCommit(GroupCommit.LIMITS, threads.committers(), threads.forcers(), threads.timer(),
                journal);
        this.checkpoint = checkpoint;
        // before anything else: what the last run published and did not journal as verified
        Publication.recover(journal, destination);
    }

    /**
     * The store of a FILES or GET session from {@code sender} for {@code request}: its journal lives
     * in the output directory, where the next run finds it; with {@code --discard}, in memory.
     */
    public static Store forSession(StoreSettings settings, String sender, String request, DiskThreads threads) {
        return forSession(settings, sender, request, threads, Publication.Checkpoint.NONE);
    }

    /** As above, telling {@code checkpoint} of each step of each file's publication: for tests. */
    static Store forSession(StoreSettings settings, String sender, String request, DiskThreads threads,
                            Publication.Checkpoint checkpoint) {
        ResumeState journal = settings.keepsFiles() ? ResumeState.open(settings.outputDir(), sender, request)
                : ResumeState.inMemory(sender, request);
        return new Store(settings, journal, threads, checkpoint, true);
    }

    /**
     * The store of one upload ({@code receiver --listen}) that continues session {@code claimed}, as
     * the sender's HELLO named it (null for none): its journal in the output directory, one per
     * upload session, if this receiver knows that session; otherwise a new one, for the session
     * the sender starts. With {@code --discard}, nothing to resume later.
     */
    public static Store forUpload(StoreSettings settings, UUID claimed, Fingerprint owner, DiskThreads threads) {
        if (settings.keepsNothing()) {
            return new Store(settings, ResumeState.inMemory("upload", "upload"), threads, Publication.Checkpoint.NONE,
                    false);
        }
        return new Store(settings, ResumeState.forUpload(settings.outputDir(), claimed, owner), threads,
                Publication.Checkpoint.NONE, true);
    }

    /**
     * True unless upload session {@code id} was started in {@code settings}' output directory by
     * another identity than {@code owner} (null: in clear), which then may not resume it.
     */
    public static boolean uploadBelongsTo(StoreSettings settings, UUID id, Fingerprint owner) {
        return settings.keepsNothing() || ResumeState.uploadBelongsTo(settings.outputDir(), id, owner);
    }

    /** What an earlier run left to resume, or null if it left nothing. Reads no file. */
    public Leftover leftover() {
        if (journal.session() == null) {
            return null;
        }
        ResumeState.Partial partial = journal.partial();
        return new Leftover(journal.verified().size(), partial == null ? null : partial.name());
    }

    /**
     * What is held, to offer the sender as a connection starts: the verified files, and the bytes
     * of the partial one, read once for their checksum; a partial file whose bytes are gone is forgotten.
     */
    public Held held() throws IOException {
        heldBytes = 0;
        UUID session = journal.session();
        if (session == null) {
            return Held.NOTHING;
        }
        ResumeState.Partial partial = journal.partial();
        Held.Part part = null;
        if (partial != null) {
            try {
                part = destination.held(partial);
            } catch (IOException e) {
                throw storing(partial.name(), e);
            }
            if (part == null) {
                journal.noPartial();
            } else {
                heldBytes = part.length();
            }
        }
        return new Held(session, journal.verified(), part);
    }

    /**
     * The COPY frames of what the output directory holds under the names {@code request} selects
     * and its excludes do not leave out ({@link Copies}); none when this store compares nothing.
     */
    public List<Frame.Copy> copies(Frame.Request request) {
        if (!settings.comparesCopies()) {
            return List.of();
        }
        return Copies.of(settings.outputDir(), request, request.excludes().stream().map(Glob::of).toList(),
                settings.checksum());
    }

    /** The sender goes on with the session held here: the files verified before count again. */
    public void resumed() {
        verifiedFiles.set(journal.verified().size());
    }

    /** The sender starts session {@code session} afresh: what an older one left is dropped. */
    public void startAfresh(UUID session) {
        ResumeState.Partial partial = journal.partial();
        if (partial != null) {
            destination.delete(partial);
        }
        journal.startAfresh(session);
        heldBytes = 0;
        verifiedFiles.set(0);
    }

    /** A file starts from its first byte; with {@code --on-exists skip} and its name taken, it is kept nowhere. */
    public void begin(Frame.FileStart start) throws IOException {
        checkCommits();
        ResumeState.Partial held = journal.partial();
        if (held != null) {
            // The sender starts that file again: what was held is dropped and arrives again.
            resentBytes += heldBytes;
            heldBytes = 0;
            destination.delete(held);
            journal.dropPartial();
        }
        IncomingFile file;
        try {
            file = destination.stage(start.name(), start.mtimeMillis(), start.mode());
        } catch (IOException e) {
            throw storing(start.name(), e);
        }
        String temp = "";
        if (file == null) {
            file = new DiscardedFile();
        } else if (!start.sizeKnown()) {
            // a stream cannot be resumed, so it is never the journal's partial file to offer in a HAVE
            temp = destination.temp(file);
        } else {
            temp = destination.temp(file);
            journal.receiving(new ResumeState.Partial(start.id(), start.name(), start.size(), start.mtimeMillis(),
                    temp));
        }
        arriving = new Arrival(start, file, temp);
        arrivingBytes = 0;
    }

    /** The partial file {@link #held} offered goes on at {@code start}'s offset, the length held. */
    public void resume(Frame.FileStart start) throws IOException {
        checkCommits();
        ResumeState.Partial partial = journal.partial();
        if (partial == null || partial.id() != start.id()) {
            throw new IllegalStateException("no partial file " + start.name() + " is held");
        }
        try {
            arriving = new Arrival(start, destination.reopen(partial, start.offset(), start.mtimeMillis(),
                    start.mode()), partial.temp());
            arrivingBytes = 0;
        } catch (IOException e) {
            throw storing(start.name(), e);
        }
    }

    /** The next bytes of the arriving file. */
    public void write(ByteBuffer data) throws IOException {
        int length = data.remaining();
        try {
            arriving.file().write(data);
            arrivingBytes += length;
        } catch (IOException e) {
            throw storing(arriving.start().name(), e);
        }
    }

    /** The arriving file verified with {@code crc32c}; throws the failure of an earlier commit, if any. */
    public void verified(int crc32c) throws LocalFailureException {
        verified(crc32c, () -> { });
    }

    /**
     * As {@link #verified(int)}; {@code announce} runs on the committer's thread once the file
     * counts: on disk under its final name, and journaled.
     */
    public void verified(int crc32c, Runnable announce) throws LocalFailureException {
        Frame.FileStart file = arriving.start();
        Arrival verified = arriving;
        long size = arrivingSize();
        arriving = null;
        journal.noPartial();
        ResumeState.Verified record = new ResumeState.Verified(file.id(), file.name(), size, crc32c,
                file.mtimeMillis());
        log.debug("verified {} ({} bytes, crc32c {})", file.name(), size, String.format("%08x", crc32c));
        try {
            // its steps run on the committer's thread; it counts once on disk under its final name
            commits.add(verified.file(), size, new Publication(journal,
                    new ResumeState.Publishing(record, verified.temp(), file.mode()), verifiedFiles, checkpoint, announce));
        } catch (IOException e) {
            throw commitFailure(e);
        }
    }

    /** The arriving file failed its checksum: it arrives again over another connection. */
    public void corrupt() {
        Arrival file = arriving;
        long size = arrivingSize();
        arriving = null;
        file.file().abandon();
        journal.noPartial();
        resentBytes += size;
    }

    /** The arriving file's size: FILE_START's, or for a stream the bytes that arrived. */
    private long arrivingSize() {
        Arrival file = arriving;
        return file.stream() ? arrivingBytes : file.start().size();
    }

    /** The arriving file will not be finished: it is deleted. Nothing happens if no file is arriving. */
    public void abandon() {
        if (arriving != null) {
            arriving.file().abandon();
            journal.noPartial();
            arriving = null;
        }
    }

    /** The connection broke while a file arrived: its bytes stay for another connection, if they are kept anywhere. */
    public void suspend() {
        if (arriving != null) {
            if (!resumable || arriving.stream()) {
                // an upload, or a stream, is not resumed: its bytes would stay hidden on the disk for ever
                abandon();
                return;
            }
            if (!arriving.file().suspend()) {
                journal.noPartial();
            }
            arriving = null;
        }
    }

    /** A directory arrives: it is created now, and gets its time and mode in {@link #finish}. */
    public void directory(Frame.Directory directory) throws IOException {
        try {
            // one an earlier connection created is the session's, not one that was there before
            if (destination.directory(directory.name(), directory.mtimeMillis(), directory.mode(),
                    journal.createdDirectory(directory.name()))) {
                journal.directoryCreated(directory.name());
            }
        } catch (IOException e) {
            throw storing(directory.name(), e);
        }
    }

    /** Waits until every file verified so far is committed and recorded. */
    public void commitVerified() throws LocalFailureException {
        try {
            commits.flush();
        } catch (IOException e) {
            throw commitFailure(e);
        }
    }

    /**
     * The connection is over, however it ended: the files that verified are committed and recorded
     * (unless committing is what failed), a file still arriving is deleted, and directories get
     * their times and modes. Never throws; calling it again does nothing more.
     */
    public void finish() {
        if (commitFailed) {
            commits.abandon();
        } else {
            try {
                commits.flush();
            } catch (IOException e) {
                commitFailed = true;
                log.error("cannot store the files just verified: {}", Reasons.of(e));
            }
        }
        abandon();
        destination.finish();
    }

    /** The session completed and verified: nothing is left to resume, and the journal goes. */
    public void completed() {
        journal.finished();
        // what a killed run left (a small partial file, never journaled) goes with the journal; what
        // other sessions in the same directory write, commit or keep to resume stays (LiveTemporaries)
        destination.removeOrphans();
    }

    /**
     * Makes sure files can be stored before anything connects: the output directory exists or can
     * be created, and a file can be created in it. Nothing it creates stays.
     *
     * @throws LocalFailureException naming the directory and the reason, if not
     */
    public static void checkOutputDirectory(StoreSettings settings) throws LocalFailureException {
        if (settings.keepsFiles()) {
            OutputDirectory.check(settings.outputDir());
        }
    }

    /**
     * Deletes the temporary files in the output directory that no journal there names: call it
     * as a listening receiver starts, before any upload, since none of them can be going on.
     */
    public static void removeOrphans(StoreSettings settings) {
        if (!settings.keepsNothing()) {
            Set<String> owned = ResumeState.temporaryFiles(settings.outputDir());
            if (owned != null) {
                Orphans.remove(settings.outputDir(), owned);
            }
        }
    }

    /** True when the files go to standard output ({@code --stdout}): what was written cannot be taken back. */
    public boolean writesOut() {
        return destination instanceof StandardOutput;
    }

    /** Files verified and committed in the session so far, on every connection. */
    public int verifiedFiles() {
        return verifiedFiles.get();
    }

    /** Every file verified in the session so far, in the order they were committed. */
    public List<ResumeState.Verified> verified() {
        return journal.verified();
    }

    /** Bytes dropped to arrive again: files that failed their checksum, held parts the sender started again. */
    public long resentBytes() {
        return resentBytes;
    }

    /**
     * Lets go of the journal; what it holds stays on disk for the next run. A file still arriving
     * (no {@link #finish} came: the process is going down) is left as it is, for a sweep.
     */
    @Override
    public void close() {
        if (arriving != null) {
            arriving.file().leaveAsOrphan();
            arriving = null;
        }
        journal.close();
    }

    private void checkCommits() throws LocalFailureException {
        try {
            commits.check();
        } catch (IOException e) {
            throw commitFailure(e);
        }
    }

    private LocalFailureException commitFailure(IOException e) {
        commitFailed = true;
        return e instanceof LocalFailureException local ? local : cannotStore("the files just verified", e);
    }

    /** A failure while storing {@code name}: the disk's, unless the sender's name was refused. */
    private static IOException storing(String name, IOException e) {
        return e instanceof ProtocolException || e instanceof LocalFailureException ? e : cannotStore(name, e);
    }

    /** The local message names local paths; the peer's names the entry and the reason only. */
    private static LocalFailureException cannotStore(String name, IOException e) {
        return new LocalFailureException("cannot store " + name + ": " + Reasons.of(e),
                "cannot store " + name + ": " + Reasons.withoutPath(e), e);
    }
}
