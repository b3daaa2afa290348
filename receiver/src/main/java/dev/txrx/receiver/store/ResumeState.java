package dev.txrx.receiver.store;

import dev.txrx.common.tls.Fingerprint;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the receiver needs to resume a session after a lost connection or a restart: the
 * session's id, the files it already verified, in order, and the file it was receiving, with
 * the hidden temporary file that holds its first bytes. It lives in a journal,
 * {@code <output-dir>/.txrx-resume/state.jsonl} (a name no received file can have): a header
 * line, then one JSON line per change, appended as it happens with one write and no wait for
 * the disk, so that many small files stay cheap. The changes survive the process being
 * killed; after a power loss a resume may fetch again the last files that had verified. The
 * journal is removed when the session completes. With {@code --discard} the state is kept in
 * memory only.
 *
 * <p>Thread-safe: the committer of a {@link GroupCommit} records the verified files while the
 * receiving thread records the file that is arriving.
 */
public final class ResumeState implements RecordsTogether {

    /** The directory that holds the state, inside the output directory. */
    public static final String DIRECTORY = ".txrx-resume";
    /** The smallest file whose partial state is written to the journal. */
    static final long JOURNALED_PARTIAL = 1 << 20;
    /** The journal file in {@link #DIRECTORY}. */
    public static final String JOURNAL = "state.jsonl";

    private static final Logger log = LoggerFactory.getLogger(ResumeState.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A file received and verified in an earlier attempt. */
    public record Verified(long id, String name, long size, int crc32c, long mtimeMillis) {
    }

    /**
     * The file being received, and where its bytes so far are.
     *
     * @param temp its temporary file, relative to the output directory; empty when its bytes are kept nowhere
     */
    public record Partial(long id, String name, long size, long mtimeMillis, String temp) {
    }

    /**
     * A verified file whose data is durable under its temporary name, about to take its final
     * name: until its {@link Verified} line follows, the next run must find out whether it did
     * ({@link Publication}).
     *
     * @param temp its temporary file, relative to the output directory; empty when it has none
     * @param mode the mode it was to get, as applied
     */
    public record Publishing(Verified file, String temp, int mode) {
    }

    /** The first line of the journal: whose session it is. */
    record Header(String sender, String request, String session) {
    }

    /** Every later line: one change. */
    record Change(Verified verified, Partial partial, boolean partialCleared, Publishing publishing, Long dropped,
                  String createdDirectory) {
        Change(Verified verified, Partial partial, boolean partialCleared) {
            this(verified, partial, partialCleared, null, null, null);
        }

        Change(Verified verified, Partial partial, boolean partialCleared, Publishing publishing, Long dropped) {
            this(verified, partial, partialCleared, publishing, dropped, null);
        }
    }

    /** The journal; for an upload, chosen once the session's id is known. */
    private Path file;
    /** For uploads: the directory of their journals, one per session; null otherwise. */
    private Path uploads;
    /**
     * Held while the journals' directory is made and a journal written into it, and while a
     * completed session removes its journal and the directory if it is empty: the upload sessions
     * of one listening receiver share the directory, each on its own thread.
     */
    private static final Object DIRECTORY_LIFECYCLE = new Object();

    private final String sender;
    private final String request;
    private UUID session;
    private final List<Verified> verified = new ArrayList<>();
    /** Files journaled as publishing and not yet as verified or dropped, by id, in order. */
    private final Map<Long, Publishing> publishing = new LinkedHashMap<>();
    private Partial partial;
    /** The directories the session created (from a DIRECTORY), by entry name: not "there before". */
    private final Set<String> createdDirectories = new HashSet<>();
    /**
     * Appended with java.io, which an interrupt does not close (a FileChannel would be closed for
     * every thread by an interrupt of the one writing, as after Ctrl-C).
     */
    private FileOutputStream journal;
    /** The thread inside {@link #together}, whose lines wait in {@link #waiting}; null outside. */
    private Thread gathering;
    private final StringBuilder waiting = new StringBuilder();
    private boolean partialJournaled;

    private ResumeState(Path file, String sender, String request) {
        this.file = file;
        this.sender = sender;
        this.request = request;
    }

    /** Fresh state kept in memory only, for {@code --discard} and uploads. */
    static ResumeState inMemory(String sender, String request) {
        return new ResumeState(null, sender, request);
    }

    /**
     * The state of an upload ({@code receiver --listen}) in {@code outputDir}: the journal of
     * session {@code claimed}, which the sender's HELLO named, if it is there; otherwise fresh state
     * whose journal is named after the session the sender then starts, so that each upload
     * session has its own, {@code upload-<id>.jsonl}.
     */
    static ResumeState forUpload(Path outputDir, UUID claimed, Fingerprint owner) {
        Path directory = outputDir.resolve(DIRECTORY);
        if (claimed != null && Files.isRegularFile(directory.resolve(uploadJournal(claimed)))) {
            ResumeState state = openJournal(directory.resolve(uploadJournal(claimed)), uploader(owner), "upload");
            state.uploads = directory;
            return state;
        }
        ResumeState state = new ResumeState(null, uploader(owner), "upload");
        state.uploads = directory;
        return state;
    }

    /**
     * The journal's name for the sender of an upload: {@code upload}, and the fingerprint of its
     * identity when it has one, so that only that identity resumes the session.
     */
    private static String uploader(Fingerprint owner) {
        return owner == null ? "upload" : "upload " + owner.hex();
    }

    /**
     * True unless the journal of upload session {@code id} in {@code outputDir} was started by
     * another identity than {@code owner} (null: in clear): a session that is not there, or
     * cannot be read, belongs to no one.
     */
    static boolean uploadBelongsTo(Path outputDir, UUID id, Fingerprint owner) {
        Path journal = outputDir.resolve(DIRECTORY).resolve(uploadJournal(id));
        if (!Files.isRegularFile(journal)) {
            return true;
        }
        try {
            List<String> lines = JournalLines.read(journal);
            return lines.isEmpty() || uploader(owner).equals(JSON.readValue(lines.get(0), Header.class).sender());
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** The name of the journal of upload session {@code id}. */
    static String uploadJournal(UUID id) {
        return "upload-" + id + ".jsonl";
    }

    /**
     * The state saved in {@code outputDir} for the same sender and request, or fresh state that
     * will be saved there. State for another sender or request is not resumed; its partial file
     * is dropped when this session starts.
     */
    static ResumeState open(Path outputDir, String sender, String request) {
        return openJournal(outputDir.resolve(DIRECTORY).resolve(JOURNAL), sender, request);
    }

    private static ResumeState openJournal(Path file, String sender, String request) {
        ResumeState state = new ResumeState(file, sender, request);
        if (Files.isRegularFile(file)) {
            try {
                state.replay(JournalLines.read(file));
            } catch (IOException | RuntimeException e) {
                log.warn("cannot read the saved state {} ({}); starting afresh", file, e.getMessage());
                state.session = null;
                state.verified.clear();
                state.publishing.clear();
            }
        }
        return state;
    }

    /**
     * The temporary files, relative to {@code outputDir}, that the journals there still name (the
     * partial files, the files publishing): the download session's and every upload session's;
     * null if one cannot be read.
     */
    static Set<String> temporaryFiles(Path outputDir) {
        Set<String> temps = new HashSet<>();
        Path directory = outputDir.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return temps;
        }
        try (java.util.stream.Stream<Path> journals = Files.list(directory)) {
            for (Path file : (Iterable<Path>) journals.filter(f -> f.getFileName().toString().endsWith(".jsonl"))::iterator) {
                ResumeState state = new ResumeState(file, "", "");
                state.replay(JournalLines.read(file));
                if (state.partial != null) {
                    temps.add(state.partial.temp());
                }
                state.publishing.values().forEach(p -> temps.add(p.temp()));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return temps;
    }

    private void replay(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        Header header = JSON.readValue(lines.get(0), Header.class);
        boolean ours = sender.equals(header.sender()) && request.equals(header.request()) && header.session() != null;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            Change change;
            try {
                change = JSON.readValue(line, Change.class);
            } catch (IOException e) {
                // a whole line that cannot be read costs that one change, not the others
                log.warn("ignoring an unreadable line of {}: {}", file, e.getMessage());
                continue;
            }
            if (change.verified() != null) {
                verified.add(change.verified());
                publishing.remove(change.verified().id());
            } else if (change.publishing() != null) {
                publishing.put(change.publishing().file().id(), change.publishing());
            } else if (change.dropped() != null) {
                publishing.remove(change.dropped());
            } else if (change.createdDirectory() != null) {
                createdDirectories.add(change.createdDirectory());
            } else if (change.partialCleared()) {
                partial = null;
            } else if (change.partial() != null) {
                partial = change.partial();
            }
        }
        if (ours) {
            session = UUID.fromString(header.session());
        } else if (!sender.isEmpty()) {
            verified.clear();
            createdDirectories.clear();
            log.info("the saved state in {} is for another sender or request; not resuming it", file);
        } else {
            verified.clear();
            createdDirectories.clear();
        }
    }

    /** The session to resume, or null for a new one. */
    synchronized UUID session() {
        return session;
    }

    /** Files verified so far, in the order they were committed. */
    synchronized List<Verified> verified() {
        return List.copyOf(verified);
    }

    /** Files journaled as publishing whose outcome the journal does not know, in order. */
    synchronized List<Publishing> publishing() {
        return List.copyOf(publishing.values());
    }

    /** A file's data is durable; it is about to take its final name. */
    synchronized void publishing(Publishing file) {
        publishing.put(file.file().id(), file);
        append(new Change(null, null, false, file, null));
    }

    /** A file journaled as publishing did not take its final name, and is deleted. */
    synchronized void dropped(long id) {
        if (publishing.remove(id) != null) {
            append(new Change(null, null, false, null, id));
        }
    }

    /** True when the session created directory {@code name}, on this connection or an earlier one. */
    synchronized boolean createdDirectory(String name) {
        return createdDirectories.contains(name);
    }

    /** The session created directory {@code name}: a later connection gives it the sender's time and mode too. */
    synchronized void directoryCreated(String name) {
        if (createdDirectories.add(name)) {
            append(new Change(null, null, false, null, null, name));
        }
    }

    /** The file being received, or null. */
    synchronized Partial partial() {
        return partial;
    }

    /**
     * The sender started (or restarted) session {@code id}: forget what an older session left.
     * The caller has deleted the bytes of its partial file.
     */
    synchronized void startAfresh(UUID id) {
        partial = null;
        verified.clear();
        publishing.clear();
        createdDirectories.clear();
        session = id;
        if (uploads != null) {
            Path own = uploads.resolve(uploadJournal(id));
            if (file != null && !file.equals(own)) {
                closeJournal();
                deleteQuietly(file);
            }
            file = own;
        }
        rewrite();
    }

    /**
     * A file starts arriving into its temporary file. Only a file of at least
     * {@link #JOURNALED_PARTIAL} bytes goes in the journal: a smaller one is cheaper to fetch
     * again than to record, which matters when there are thousands of them.
     */
    synchronized void receiving(Partial file) {
        partial = file;
        partialJournaled = file.size() >= JOURNALED_PARTIAL;
        if (partialJournaled) {
            append(new Change(null, file, false));
        }
    }

    /** A file verified and is durable under its final name. */
    synchronized void verified(Verified file) {
        publishing.remove(file.id());
        verified.add(file);
        append(new Change(file, null, false));
    }

    /** The partial file is gone: it verified, failed, or will be sent again from the start. */
    synchronized void noPartial() {
        if (partial != null) {
            partial = null;
            if (partialJournaled) {
                append(new Change(null, null, true));
            }
            partialJournaled = false;
        }
    }

    /**
     * The partial file is dropped, to arrive again from its start; the caller has deleted its
     * bytes. No line is written: the file's next {@link #receiving} is.
     */
    synchronized void dropPartial() {
        partial = null;
    }

    /** Lets go of the journal file; the state stays on disk for a later run. */
    synchronized void close() {
        closeJournal();
    }

    /** The session completed: nothing to resume any more. */
    synchronized void finished() {
        closeJournal();
        session = null;
        verified.clear();
        createdDirectories.clear();
        partial = null;
        if (file != null) {
            // with the lock that creating a journal holds: an upload that completes must not remove
            // the directory between another one's making it and writing its journal there
            synchronized (DIRECTORY_LIFECYCLE) {
                deleteQuietly(file);
                try {
                    Files.deleteIfExists(file.getParent());
                } catch (java.nio.file.DirectoryNotEmptyException othersLeft) {
                    // the journals of other upload sessions stay
                } catch (IOException e) {
                    log.warn("cannot remove {}: {}", file.getParent(), e.getMessage());
                }
            }
        }
    }

    private static void deleteQuietly(Path journal) {
        try {
            Files.deleteIfExists(journal);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", journal, e.getMessage());
        }
    }

    /** Starts the journal again, atomically: a temporary file with the header and the verified files, renamed over the old one. */
    private void rewrite() {
        closeJournal();
        if (file == null) {
            return;
        }
        try {
            // one temporary name per journal: uploads write theirs side by side
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder lines = new StringBuilder(JSON.writeValueAsString(
                    new Header(sender, request, session == null ? null : session.toString()))).append('\n');
            for (Verified done : verified) {
                lines.append(JSON.writeValueAsString(new Change(done, null, false))).append('\n');
            }
            for (String directory : createdDirectories) {
                lines.append(JSON.writeValueAsString(new Change(null, null, false, null, null, directory))).append('\n');
            }
            synchronized (DIRECTORY_LIFECYCLE) {
                Files.createDirectories(file.getParent());
                Files.writeString(temp, lines, StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("cannot save the resume state in {}: {}", file, e.getMessage());
        }
    }

    /**
     * Runs {@code records} and then writes the lines they appended in one write(2). Lines that
     * another thread appends meanwhile go out at once, after the ones gathered so far, so that the
     * journal keeps the order of the changes.
     */
    @Override
    public void together(Runnable records) {
        synchronized (this) {
            gathering = Thread.currentThread();
        }
        try {
            records.run();
        } finally {
            synchronized (this) {
                gathering = null;
                writeWaiting();
            }
        }
    }

    private void append(Change change) {
        if (file == null || session == null) {
            return;
        }
        try {
            waiting.append(JSON.writeValueAsString(change)).append('\n');
            if (gathering != Thread.currentThread()) {
                writeWaiting();
            }
        } catch (IOException e) {
            log.warn("cannot save the resume state in {}: {}", file, e.getMessage());
        }
    }

    /** Writes the lines waiting, whole lines in one write(2). */
    private void writeWaiting() {
        if (waiting.length() == 0) {
            return;
        }
        byte[] lines = waiting.toString().getBytes(StandardCharsets.UTF_8);
        waiting.setLength(0);
        if (file == null || session == null) {
            return;
        }
        try {
            if (journal == null) {
                if (!Files.isRegularFile(file)) {
                    rewrite();
                }
                journal = new FileOutputStream(file.toFile(), true);
            }
            journal.write(lines);
        } catch (IOException e) {
            log.warn("cannot save the resume state in {}: {}", file, e.getMessage());
        }
    }

    private void closeJournal() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException ignored) {
                // the next change opens it again
            }
            journal = null;
        }
    }
}
