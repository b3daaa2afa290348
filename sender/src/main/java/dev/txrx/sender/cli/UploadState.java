package dev.txrx.sender.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.txrx.common.text.Reasons;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code sender --connect} remembers of the upload it is making, so that its next run (or
 * its next connection) resumes it: the session's id, and the seed of generated content. One file
 * per receiver and content, {@code .txrx-sender/upload-<key>.json} under the working directory,
 * written when the session starts and removed once the receiver confirmed it.
 */
final class UploadState {

    /** The directory of the state files, in the working directory. */
    static final String DIRECTORY = ".txrx-sender";

    private static final Logger log = LoggerFactory.getLogger(UploadState.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The file's content. */
    record Saved(String receiver, String content, String session, long seed) {
    }

    private final Path file;
    private final String receiver;
    private final String content;
    private volatile Saved saved;

    private UploadState(Path file, String receiver, String content, Saved saved) {
        this.file = file;
        this.receiver = receiver;
        this.content = content;
        this.saved = saved;
    }

    /**
     * The state of the upload of {@code settings}' content to {@code receiver}, under {@code directory}:
     * none for a stream, which is never resumed, so nothing is kept of it.
     */
    static UploadState open(Path directory, String receiver, SenderSettings settings) {
        if (settings.streams()) {
            return new UploadState(null, receiver, "stream", null);
        }
        String content = settings.sendsFiles()
                ? "send " + settings.sendPaths().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()
                : "generate " + settings.generator() + " seed " + settings.seed();
        Path file = directory.resolve(DIRECTORY).resolve("upload-" + key(receiver + "\n" + content) + ".json");
        Saved saved = null;
        if (Files.isRegularFile(file)) {
            try {
                Saved read = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Saved.class);
                if (receiver.equals(read.receiver()) && content.equals(read.content()) && read.session() != null) {
                    UUID.fromString(read.session());
                    saved = read;
                }
            } catch (IOException | IllegalArgumentException e) {
                log.warn("cannot read {} ({}); starting a new upload", file, Reasons.of(e));
            }
        }
        return new UploadState(file, receiver, content, saved);
    }

    /** The session to continue, or null for a new one. */
    UUID session() {
        Saved current = saved;
        return current == null ? null : UUID.fromString(current.session());
    }

    /** The seed of the session to continue; meaningful only when {@link #session} is not null. */
    long seed() {
        Saved current = saved;
        return current == null ? 0 : current.seed();
    }

    /** The session that the sender started (or resumed): remembered at once, replacing the file atomically. */
    void started(UUID session, long seed) {
        if (file == null) {
            return;
        }
        Saved next = new Saved(receiver, content, session.toString(), seed);
        saved = next;
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, JSON.writeValueAsString(next), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("cannot save the upload's session in {}: {}; a next run starts it again", file, Reasons.of(e));
        }
    }

    /** The receiver confirmed the upload: nothing to resume. */
    void completed() {
        saved = null;
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
            try {
                Files.deleteIfExists(file.getParent());
            } catch (java.nio.file.DirectoryNotEmptyException others) {
                // the state of other uploads stays
            }
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", file, Reasons.of(e));
        }
    }

    private static String key(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
