package dev.txrx.sender.cli;

import dev.txrx.common.text.Reasons;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import dev.txrx.cli.CommandOutput;

/** Opens what the sender serves, before any socket, and says in one line why it cannot. */
final class ContentOpener {

    private ContentOpener() {
    }

    /**
     * The sender's content, checksummed on {@code checksumThreads} threads; the output directory of
     * generated files is created here.
     *
     * @return the content, or null once {@code output} says why the output directory cannot be created
     */
    static ContentSource open(SenderSettings settings, int checksumThreads, CommandOutput output) {
        try {
            return settings.content(checksumThreads);
        } catch (IOException e) {
            String why = Reasons.withoutPath(e);
            output.fail("sender", "cannot create the output directory " + settings.outputDir() + ": " + why);
            return null;
        }
    }
}
