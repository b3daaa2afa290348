package dev.txrx.receiver.store;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary files that nothing will go on with: left by a {@code kill -9} (a small partial file is
 * never journaled; a file killed before it was journaled as publishing), or by an upload that was
 * cut. They are hidden, so nobody would see them fill the disk; they are removed when a session
 * completes and when a listening receiver starts, except those a journal still names and those
 * this process is still writing or committing ({@link LiveTemporaries}). Only names
 * of the form {@link StagedFile} makes ({@code .<name>.<16 hex digits>.part}) are touched, and no
 * symbolic link is followed.
 */
final class Orphans {

    private static final Logger log = LoggerFactory.getLogger(Orphans.class);
    private static final Pattern TEMPORARY = Pattern.compile("\\..*\\.[0-9a-f]{1,16}\\.part");

    private Orphans() {
    }

    /** True when {@code fileName} has the form of a temporary file that {@link StagedFile} makes. */
    static boolean isTemporary(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }

    /**
     * Deletes every temporary file below {@code root} but those in {@code owned} (paths relative to
     * the root) and the {@link LiveTemporaries}; returns how many went. Never throws: what cannot be deleted is logged.
     */
    static int remove(Path root, Set<String> owned) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int[] removed = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(ResumeState.DIRECTORY)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && isTemporary(file.getFileName().toString())
                            && !owned.contains(root.relativize(file).toString()) && !LiveTemporaries.contains(file)) {
                        try {
                            // the directory keeps the time the sender gave it: a hidden leftover
                            // going is no change a person should see
                            java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file.getParent(),
                                    LinkOption.NOFOLLOW_LINKS);
                            Files.deleteIfExists(file);
                            removed[0]++;
                            Files.setLastModifiedTime(file.getParent(), time);
                        } catch (IOException e) {
                            log.warn("cannot remove the leftover temporary file {}: {}", file, Reasons.of(e));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            log.warn("cannot look for leftover temporary files in {}: {}", root, Reasons.of(e));
        }
        if (removed[0] > 0) {
            log.info("removed {} leftover temporary files in {}", removed[0], root);
        }
        return removed[0];
    }
}
