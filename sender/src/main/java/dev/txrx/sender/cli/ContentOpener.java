package dev.txrx.sender.cli;

import dev.txrx.common.text.Reasons;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.io.PrintWriter;

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
            String why = Reasons.withoutPath(e);
            err.println("sender: cannot create the output directory " + settings.outputDir() + ": " + why);
            err.flush();
            return null;
        }
    }
}
