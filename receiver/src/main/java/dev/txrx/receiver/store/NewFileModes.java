package dev.txrx.receiver.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The permission bits an entry gets from the mode the sender gave it ({@link #applied}: through the
 * umask), and those a file gets when {@code open(2)} creates it with a mode: that mode less the
 * process's umask, unless a default ACL of its directory decides instead. {@link StagedFile}
 * creates each temporary file with nearly its final mode and asks here whether a {@code chmod}
 * is still needed, so that most files need none.
 *
 * <p>The umask is read once, from {@code /proc/self/status}; where it cannot be read, every file
 * gets its {@code chmod}. Because a default ACL can give other bits than the umask predicts, the
 * prediction is checked (one {@code stat}) on the first file of each mode in each directory, and
 * where it was wrong every file of that mode there gets its {@code chmod}. One instance serves
 * one output directory; it may be used from several threads at once.
 */
final class NewFileModes {

    private static final Path PROCESS_STATUS = Path.of("/proc/self/status");
    private static final int UMASK = readUmask(PROCESS_STATUS);
    /** The umask assumed where it cannot be read: the usual one. */
    private static final int FALLBACK_UMASK = 022;

    private final int umask;
    /** Per directory and mode: whether a new file there got exactly the bits predicted. */
    private final Map<Key, Boolean> predicted = new ConcurrentHashMap<>();

    private record Key(Path directory, int mode) {
    }

    /** Modes predicted from this process's umask. */
    NewFileModes() {
        this(UMASK);
    }

    /** Modes predicted from {@code umask}; a negative one means unknown: a chmod for every file. */
    NewFileModes(int umask) {
        this.umask = umask;
    }

    /**
     * The permission bits an entry gets from the {@code mode} the sender gave it, as {@code tar}
     * and {@code rsync} give them (without {@code -p} by root): through this receiver's umask, so
     * that no sender can make the receiver's files writable by more people than the receiver's
     * own files are. setuid, setgid and sticky bits are never given; a mode with none of the nine
     * permission bits (only those bits) gets the default of a new file or directory, 0666 or 0777
     * less the umask. 0, no mode at all, stays 0: the entry keeps the mode it was created with.
     * With an umask that cannot be read, 022 is assumed.
     */
    int applied(int mode, boolean directory) {
        if (mode == 0) {
            return 0;
        }
        int permissions = mode & 0777;
        if (permissions == 0) {
            permissions = directory ? 0777 : 0666;
        }
        return permissions & ~(umask < 0 ? FALLBACK_UMASK : umask);
    }

    /**
     * The bits to create a temporary file with, for a file whose final mode is {@code mode}: its
     * owner may always read and write it (a resume opens it again), and nobody else may write it
     * before it has verified.
     */
    static int creationMode(int mode) {
        return (mode & 0755) | 0600;
    }

    /**
     * Whether {@code file}, just created with {@link #creationMode}({@code mode}), still needs a
     * {@code chmod} to get {@code mode & 0777}.
     */
    boolean needsChmod(Path file, int mode) {
        int wanted = mode & 0777;
        if (umask < 0 || (creationMode(mode) & ~umask) != wanted) {
            return true;
        }
        Key key = new Key(file.getParent(), wanted);
        Boolean right = predicted.get(key);
        if (right == null) {
            right = wanted == actualMode(file);
            predicted.putIfAbsent(key, right);
        }
        return !right;
    }

    private static int actualMode(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The {@code Umask:} line of a {@code /proc/<pid>/status} file, or -1 if there is none or it cannot be read. */
    static int readUmask(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).trim(), 8) & 0777;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown: every file gets its chmod
        }
        return -1;
    }
}
