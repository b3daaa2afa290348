package dev.txrx.receiver.store;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a verified file, waiting under its temporary name, goes: {@code target}, or beside it, as
 * its {@link OnExists} policy says. Only {@link OnExists#OVERWRITE} ever replaces a file, in one
 * atomic step; the others take a name only if it is free, in one step that fails if it is not, so
 * that two sessions storing the same name at once never take it both.
 *
 * @param name the entry name, for messages
 */
record FinalName(Path target, String name, OnExists policy) {

    /** How many names RENAME tries ({@code name}, {@code name (1)}, ...) before it gives up. */
    static final int MAX_RENAME_ATTEMPTS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(FinalName.class);

    /**
     * Moves {@code temp} to its final name.
     *
     * @return where the file is now; null if, with {@link OnExists#SKIP}, another file took the name
     *     while this one was arriving: {@code temp} is then left for the caller to delete
     * @throws FileExistsPolicyException with {@link OnExists#FAIL}, if the name was taken meanwhile
     */
    Path take(Path temp) throws IOException {
        return switch (policy) {
            case OVERWRITE -> replace(temp);
            case RENAME -> freeName(temp);
            case SKIP, FAIL -> unlessTaken(temp);
        };
    }

    /**
     * The name RENAME tries for the {@code n}th copy: the number goes before the extension, the
     * part of the name from its last dot, unless that dot begins the name ({@code .bashrc}).
     * {@code archive.tar.gz} becomes {@code archive.tar (1).gz}; {@code README},
     * {@code README (1)}; {@code .bashrc}, {@code .bashrc (1)}.
     */
    static String numberedName(String fileName, int n) {
        int start = 0;
        while (start < fileName.length() && fileName.charAt(start) == '.') {
            start++;
        }
        int dot = fileName.lastIndexOf('.');
        String number = " (" + n + ")";
        if (dot <= start) {
            return fileName + number;
        }
        return fileName.substring(0, dot) + number + fileName.substring(dot);
    }

    private Path replace(Path temp) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private Path freeName(Path temp) throws IOException {
        String fileName = target.getFileName().toString();
        for (int n = 0; n < MAX_RENAME_ATTEMPTS; n++) {
            Path candidate = n == 0 ? target : target.resolveSibling(numberedName(fileName, n));
            if (takeIfFree(temp, candidate)) {
                if (n > 0) {
                    log.info("{} exists; stored the new file as {}", name, candidate.getFileName());
                }
                return candidate;
            }
        }
        throw new IOException("no free name for " + name + " after " + MAX_RENAME_ATTEMPTS + " tries");
    }

    private Path unlessTaken(Path temp) throws IOException {
        if (takeIfFree(temp, target)) {
            return target;
        }
        if (policy == OnExists.FAIL) {
            throw new FileExistsPolicyException(name);
        }
        log.info("{} appeared while it was arriving; kept the existing file", name);
        return null;
    }

    /**
     * Gives {@code temp} the name {@code candidate} unless that name exists. A hard link does it
     * in one step that fails if the name is taken by anything, even a dangling symbolic link.
     */
    private boolean takeIfFree(Path temp, Path candidate) throws IOException {
        try {
            Files.createLink(candidate, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (FAT, some network and FUSE mounts answer EPERM)
            return moveIfFree(temp, candidate);
        }
        // one unlink; Files.delete would look first. Only a failure asks again, for its reason.
        if (!temp.toFile().delete()) {
            try {
                Files.delete(temp);
            } catch (IOException | RuntimeException e) {
                log.warn("stored {}, but cannot remove its temporary name {}: {}", name, temp.getFileName(),
                        Reasons.of(e));
            }
        }
        return true;
    }

    // Checks, then renames: another process may take the name in between. Only for file systems
    // without hard links.
    private static boolean moveIfFree(Path temp, Path candidate) throws IOException {
        try {
            Files.move(temp, candidate);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }
}
