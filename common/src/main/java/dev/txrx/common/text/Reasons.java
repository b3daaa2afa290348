package dev.txrx.common.text;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;

/** Turns an exception into the one-line reason a person reads. */
public final class Reasons {

    /** An absolute path in a message, and what stands before it. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(^|[\\s\"'(])/[^\\s\"')]*");

    private Reasons() {
    }

    /** The exception's message, or its class's simple name when it has none. */
    public static String of(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The file system's reason for {@code e}, without the paths its message names
     * ({@code /srv/x/a.bin: Permission denied} gives {@code permission denied}): for a peer, which
     * must not learn where this side keeps its files, and for messages that name the file already.
     */
    public static String withoutPath(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "a file is in the way, not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
        }
        return ABSOLUTE_PATH.matcher(of(e)).replaceAll("$1<local path>");
    }
}
