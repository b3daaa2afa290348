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
 */
final class Attributes {

    private static final Logger log = LoggerFactory.getLogger(Attributes.class);
    private static final PosixFilePermission[] PERMISSION_BITS = PosixFilePermission.values();

    private Attributes() {
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

    /**
     * Gives {@code path} the permissions of {@code mode & 0777}; {@code what} names it in the
     * warning ({@code notes.txt}, {@code directory photos}).
     */
    static void setMode(Path path, int mode, String what) {
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
    static void setFileTime(Path file, long mtimeMillis, String name) {
        try {
            if (!file.toFile().setLastModified(mtimeMillis)) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot set the modification time of {}: {}", name, Reasons.of(e));
        }
    }

    /** Sets the modification time of {@code directory}; should it have become a link, the link's target is left alone. */
    static void setDirectoryTime(Path directory, long mtimeMillis, String name) {
        try {
            Files.getFileAttributeView(directory, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(mtimeMillis), null, null);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot set the modification time of directory {}: {}", name, Reasons.of(e));
        }
    }
}
