package dev.txrx.receiver.store;

import dev.txrx.common.io.FileChecksums;
import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Glob;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies an output directory already holds of what a REQUEST asks for, one COPY frame each, so
 * that the sender leaves out the files that are the same (protocol version 3, "Comparing
 * copies"). Every regular file below the directory whose entry name the request selects and no
 * exclude pattern leaves out; never a symbolic link (nor anything below one), a name that breaks
 * the entry-name rules, the journal's {@code .txrx-resume} directory or a temporary {@code .part}
 * file. With {@code byContent} each file is read for its CRC32C ({@code --checksum}); otherwise
 * only its size and time are told.
 */
public final class Copies {

    private static final Logger log = LoggerFactory.getLogger(Copies.class);

    private Copies() {
    }

    /**
     * The COPY frames of {@code root} for {@code request}, in entry-name order; none if the
     * directory does not exist. A file that cannot be read is left out (the sender then sends it).
     */
    public static List<Frame.Copy> of(Path root, Frame.Request request, List<Glob> excludes, boolean byContent) {
        List<Frame.Copy> copies = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return copies;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = nameOf(root, dir);
                    // the journal's directory is no entry; an excluded directory takes its tree along
                    return name.equals(ResumeState.DIRECTORY) || EntryNames.problem(name) != null
                            || Glob.anyExcludes(excludes, name) || !mayHoldSelected(request, name)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    // walkFileTree follows no link, so a link is visited as itself: not a regular file
                    String name = nameOf(root, file);
                    if (attributes.isRegularFile() && !Orphans.isTemporary(file.getFileName().toString())
                            && EntryNames.problem(name) == null && selects(request, name)
                            && !Glob.anyExcludes(excludes, name)) {
                        Frame.Copy copy = copyOf(file, name, attributes, byContent);
                        if (copy != null) {
                            copies.add(copy);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    log.warn("cannot look at {} to compare it: {}", file, Reasons.of(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            log.warn("cannot look for the files {} holds: {}", root, Reasons.of(e));
        }
        copies.sort((a, b) -> EntryNames.UTF8_ORDER.compare(a.name(), b.name()));
        return copies;
    }

    /** True when {@code request} selects {@code name}: everything for FILES, a GET name and what is below it. */
    static boolean selects(Frame.Request request, String name) {
        if (request.kind() != RequestKind.GET || request.names().isEmpty()) {
            return true;
        }
        for (String asked : request.names()) {
            if (name.equals(asked) || name.startsWith(asked + "/")) {
                return true;
            }
        }
        return false;
    }

    /** True when directory {@code name} is selected, or lies above a GET name: worth walking into. */
    private static boolean mayHoldSelected(Frame.Request request, String name) {
        if (selects(request, name)) {
            return true;
        }
        for (String asked : request.names()) {
            if (asked.startsWith(name + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String nameOf(Path root, Path path) {
        Path relative = root.relativize(path);
        StringBuilder name = new StringBuilder();
        for (Path segment : relative) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(segment);
        }
        return name.toString();
    }

    private static Frame.Copy copyOf(Path file, String name, BasicFileAttributes attributes, boolean byContent) {
        long size = attributes.size();
        long mtime = attributes.lastModifiedTime().toMillis();
        if (!byContent) {
            return new Frame.Copy(size, mtime, false, 0, name);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return new Frame.Copy(size, mtime, true, FileChecksums.crc32c(channel, size), name);
        } catch (IOException e) {
            log.warn("cannot read {} to compare it: {}; it is fetched again", file, Reasons.of(e));
            return null;
        }
    }
}
