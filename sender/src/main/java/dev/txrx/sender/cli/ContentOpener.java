package dev.txrx.sender.cli;

import dev.txrx.common.text.Reasons;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;

/** Opens what the sender serves, before any socket, and says in one line why it cannot. */
final class ContentOpener {

    private ContentOpener() {
    }

    /**
     * The sender's content, checksummed on {@code checksumThreads} threads; the output directory of
     * generated files is created here.
     *
     * @return the content, or null once {@code err} says why the output directory cannot be created
     */
    static ContentSource open(SenderSettings settings, int checksumThreads, PrintWriter err) {
        try {
            return settings.content(checksumThreads);
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "a file of that name is in the way"
                    : e instanceof FileSystemException fs
                            ? (fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName())
                    : Reasons.of(e);
            err.println("sender: cannot create the output directory " + settings.outputDir() + ": " + why);
            err.flush();
            return null;
        }
    }
}
