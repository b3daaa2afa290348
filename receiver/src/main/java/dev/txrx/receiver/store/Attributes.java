package dev.txrx.receiver.store;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modification time and permission bits the sender gave an entry, applied to a file or a
 * directory without following a link. An entry whose content verified is worth more than its
 * attributes: failing to set them is only a warning.
 *
 * @param mtimeMillis the modification time, if above 0
 * @param mode        the POSIX permission bits ({@code & 0777}), if not 0
 */
record Attributes(long mtimeMillis, int mode) {

    private static final Logger log = LoggerFactory.getLogger(Attributes.class);
    private static final PosixFilePermission[] PERMISSION_BITS = PosixFilePermission.values();

    /**
     * Gives {@code file}, a temporary file this process created, its time and mode; {@code modes},
     * if not null, tells whether the mode it was created with still needs a {@code chmod}.
     */
    void applyToFile(Path file, String name, NewFileModes modes) {
        if (mtimeMillis > 0) {
            setFileTime(file, name);
        }
        if (mode != 0 && supportsPermissions(file) && (modes == null || modes.needsChmod(file, mode))) {
            setMode(file, name);
        }
    }

    /** Gives {@code directory} its mode and time. */
    void applyToDirectory(Path directory, String name) {
        if (mode != 0 && supportsPermissions(directory)) {
            setMode(directory, "directory " + name);
        }
        if (mtimeMillis > 0) {
            setDirectoryTime(directory, name);
        }
    }

    /** The permissions of {@code mode & 0777}; setuid, setgid and sticky bits are never given. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        // values() runs from OWNER_READ (0400) down to OTHERS_EXECUTE (0001)
        for (int i = 0; i < PERMISSION_BITS.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(PERMISSION_BITS[i]);
            }
        }
        return permissions;
    }

    /** Whether the file system of {@code path} has POSIX permissions to set. */
    static boolean supportsPermissions(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** {@code what} names the entry in the warning: {@code notes.txt}, {@code directory photos}. */
    private void setMode(Path path, String what) {
        try {
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions(mode));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot set the permissions of {} to {}: {}", what, String.format("%03o", mode & 0777),
                    Reasons.of(e));
        }
    }

    /**
     * Sets the modification time of a file this process created, with {@code java.io.File}, which
     * costs a {@code stat} and a {@code utimensat}; {@code Files.setLastModifiedTime} opens the
     * file, reads its attributes, sets the time and closes it again. Only when that fails is the
     * slower way tried, for a reason to give.
     */
    private void setFileTime(Path file, String name) {
        try {
            if (!file.toFile().setLastModified(mtimeMillis)) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot set the modification time of {}: {}", name, Reasons.of(e));
        }
    }

    /** Should {@code directory} be a link by now, its target is left alone. */
    private void setDirectoryTime(Path directory, String name) {
        try {
            Files.getFileAttributeView(directory, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(mtimeMillis), null, null);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot set the modification time of directory {}: {}", name, Reasons.of(e));
        }
    }
}
