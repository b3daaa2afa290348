package dev.txrx.receiver;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the receiver needs to resume a session after a lost connection or a restart: the
 * session's id, the files it already verified, in order, and the file it was receiving, with
 * the hidden temporary file that holds its first bytes. It lives in
 * {@code <output-dir>/.txrx-resume/state.json}, a name no received file can have, and is
 * removed when the session completes. With {@code --discard} it is kept in memory only.
 */
final class ResumeState {

    /** The directory that holds the state, inside the output directory. */
    static final String DIRECTORY = ".txrx-resume";

    private static final Logger log = LoggerFactory.getLogger(ResumeState.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A file received and verified in an earlier attempt. */
    record Verified(long id, String name, long size, int crc32c, long mtimeMillis) {
    }

    /** The file being received, and where its bytes so far are. */
    record Partial(long id, String name, long size, long mtimeMillis, String temp) {
    }

    /** The saved form. */
    record Saved(String sender, String request, String session, List<Verified> verified, Partial partial) {
    }

    private final Path file;
    private final String sender;
    private final String request;
    private UUID session;
    private final List<Verified> verified = new ArrayList<>();
    private Partial partial;
    private int reconnections;
    private long resentBytes;

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
     * The state saved in {@code outputDir} for the same sender and request, or fresh state that
     * will be saved there. State for another sender or request is left alone and replaced once
     * this session saves its own.
     */
    static ResumeState open(Path outputDir, String sender, String request) {
        Path file = outputDir.resolve(DIRECTORY).resolve("state.json");
        ResumeState state = new ResumeState(file, sender, request);
        if (Files.isRegularFile(file)) {
            try {
                Saved saved = JSON.readValue(file.toFile(), Saved.class);
                if (sender.equals(saved.sender()) && request.equals(saved.request()) && saved.session() != null) {
                    state.session = UUID.fromString(saved.session());
                    state.verified.addAll(saved.verified());
                    state.partial = saved.partial();
                } else {
                    log.info("the saved state in {} is for another sender or request; not resuming it", file);
                    // Its partial file can never be resumed now: it is dropped when this session starts.
                    state.partial = saved.partial();
                }
            } catch (IOException | RuntimeException e) {
                log.warn("cannot read the saved state {} ({}); starting afresh", file, e.getMessage());
            }
        }
        return state;
    }

    /** The session to resume, or null for a new one. */
    UUID session() {
        return session;
    }

    /** Files verified so far, in the order they were sent. */
    List<Verified> verified() {
        return List.copyOf(verified);
    }

    /** The file being received, or null. */
    Partial partial() {
        return partial;
    }

    int reconnections() {
        return reconnections;
    }

    long resentBytes() {
        return resentBytes;
    }

    /** Counts a reconnection. */
    void reconnected() {
        reconnections++;
    }

    /** Counts bytes that arrived once already and were dropped. */
    void resent(long bytes) {
        resentBytes += bytes;
    }

    /** The sender started (or restarted) session {@code id}: forget what an older session left. */
    void startAfresh(UUID id, Path outputRoot) {
        dropPartial(outputRoot);
        verified.clear();
        session = id;
        save();
    }

    /** The sender resumed the session. */
    void resumed(UUID id) {
        session = id;
        save();
    }

    /** A file starts arriving into {@code temp}. */
    void receiving(Partial file) {
        partial = file;
        save();
    }

    /** The file being received verified and is in place. */
    void verified(Verified file) {
        verified.add(file);
        partial = null;
        save();
    }

    /** The partial file is gone (it failed, or will be sent again from the start). */
    void noPartial() {
        partial = null;
        save();
    }

    /** Deletes the temporary file of the partial one, if there is one. */
    void dropPartial(Path outputRoot) {
        if (partial != null && outputRoot != null) {
            try {
                Files.deleteIfExists(outputRoot.resolve(partial.temp()));
            } catch (IOException | RuntimeException e) {
                log.warn("cannot delete {}: {}", partial.temp(), e.getMessage());
            }
        }
        partial = null;
    }

    /** The session completed: nothing to resume any more. */
    void finished() {
        session = null;
        verified.clear();
        partial = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", file, e.getMessage());
            }
        }
    }

    /** Writes the state durably: to a temporary file, flushed, then renamed over the old one. */
    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("state.json.tmp");
            byte[] bytes = JSON.writeValueAsBytes(new Saved(sender, request,
                    session == null ? null : session.toString(), verified, partial));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("cannot save the resume state in {}: {}", file, e.getMessage());
        }
    }
}
