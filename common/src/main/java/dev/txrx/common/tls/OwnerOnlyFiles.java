package dev.txrx.common.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Files that only their owner may read: created with that mode from the first byte (never
 * chmod-ed afterwards, which would leave a moment when others could read them), written whole
 * under a temporary name and renamed into place, and guarded by a lock shared by every process.
 * On a file system without POSIX permissions the modes are left to it.
 */
final class OwnerOnlyFiles {

    /** rw-------: the private key, and every file of the identity directory. */
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    /** rwx------: the identity directory. */
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    /**
     * {@link FileChannel#lock()} guards against other processes only: a second lock on the same
     * file from this JVM throws instead of waiting, and both apps may run in one JVM (the
     * integration tests do). So this side's own threads queue here first.
     */
    private static final Object IN_PROCESS = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFiles() {
    }

    /** What runs while the lock is held. */
    @FunctionalInterface
    interface Locked<T> {
        T run(FileChannel lockFile) throws IOException;
    }

    /** True when {@code path}'s file system keeps POSIX permissions. */
    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** {@code mode} as an attribute for creating a file, or none where the file system has no modes. */
    static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> mode) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} and its missing parents with mode 0700; an existing directory is left as it is. */
    static void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, attributes(dir, DIRECTORY_MODE));
        }
    }

    /**
     * Runs {@code action} holding an exclusive lock on {@code file} (created 0600 if missing),
     * against this JVM's threads and other processes alike. The action gets the locked channel,
     * open for reading and writing, so that a file can be its own lock.
     */
    static <T> T locked(Path file, Locked<T> action) throws IOException {
        synchronized (IN_PROCESS) {
            OpenOption[] options = {StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE};
            try (FileChannel channel = FileChannel.open(file, Set.of(options), attributes(file, FILE_MODE))) {
                channel.lock(); // released when the channel closes
                return action.run(channel);
            }
        }
    }

    /**
     * Writes {@code content} to {@code target} whole or not at all: into a new 0600 file beside it,
     * forced to the disk, then renamed over {@code target} in one step.
     */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + randomSuffix() + ".tmp");
        try {
            writeNew(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Creates {@code file} with mode 0600 and writes {@code content}; an existing file is an error. */
    static void writeNew(Path file, byte[] content) throws IOException {
        OpenOption[] options = {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        try (FileChannel channel = FileChannel.open(file, Set.of(options), attributes(file, FILE_MODE))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null, "it exists already");
        }
    }

    /**
     * Refuses {@code file} when its group or others have any permission on it, as ssh refuses an
     * unprotected private key. Nothing is checked where the file system has no POSIX modes.
     *
     * @throws IOException one line: the path, its mode, and the chmod that fixes it
     */
    static void requireOwnerOnly(Path file, String what) throws IOException {
        if (!posix(file)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        for (PosixFilePermission permission : mode) {
            if (!permission.name().startsWith("OWNER_")) {
                throw new IOException(file + " holds " + what + " but other users can access it (mode "
                        + octal(mode) + "); it must be readable by its owner only: chmod 600 " + file);
            }
        }
    }

    /** {@code mode} in octal as ls and chmod show it: {@code 0644}. */
    static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            // the enum runs OWNER_READ, OWNER_WRITE, ..., OTHERS_EXECUTE: bit 8 down to bit 0
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", bits);
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
