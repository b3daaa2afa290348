package dev.txrx.receiver.store;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output directory as a {@link Store}'s destination: files staged under hidden temporary
 * names ({@link StagedFile}), durable or not, flushed early on the process's {@link DiskThreads}.
 * The directory is opened, and created, when the first entry needs it.
 */
final class OnDisk implements Destination {

    private static final Logger log = LoggerFactory.getLogger(OnDisk.class);

    private final StoreSettings settings;
    private final DiskThreads threads;
    private OutputDirectory directory;

    OnDisk(StoreSettings settings, DiskThreads threads) {
        this.settings = settings;
        this.threads = threads;
    }

    @Override
    public IncomingFile stage(String name, long mtimeMillis, int mode) throws IOException {
        StagedFile staged = directory().stage(name, mtimeMillis, mode);
        return staged == null ? null : prepared(staged);
    }

    @Override
    public IncomingFile reopen(ResumeState.Partial partial, long held, long mtimeMillis, int mode)
            throws IOException {
        OutputDirectory output = directory();
        return prepared(output.continueFrom(partial.name(), output.root().resolve(partial.temp()), held, mtimeMillis,
                mode));
    }

    private StagedFile prepared(StagedFile file) {
        return file.durable(settings.durable()).flushingEarlyOn(threads.flushers());
    }

    @Override
    public String temp(IncomingFile file) {
        return directory.root().relativize(((StagedFile) file).temp()).toString();
    }

    @Override
    public Held.Part held(ResumeState.Partial partial) throws IOException {
        Path temp = directory().root().resolve(partial.temp());
        if (!Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        long held = Held.offerable(partial.size(), Files.size(temp));
        if (held == 0) {
            // nothing worth offering: the file arrives whole, and its empty start goes now
            delete(partial);
            return null;
        }
        try (FileChannel channel = FileChannel.open(temp)) {
            return new Held.Part(partial, FileChecksum.of(channel, held));
        }
    }

    @Override
    public void delete(ResumeState.Partial partial) {
        if (partial.temp().isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(directory().root().resolve(partial.temp()));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete {}: {}", partial.temp(), Reasons.of(e));
        }
    }

    @Override
    public boolean recover(ResumeState.Publishing publishing) {
        String name = publishing.file().name();
        if (publishing.temp().isEmpty()) {
            // kept nowhere (--on-exists skip): nothing to name
            return true;
        }
        Path temp = null;
        try {
            OutputDirectory output = directory();
            temp = output.root().resolve(publishing.temp());
            if (!Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                log.info("{} took its final name before the last run ended", name);
                return true;
            }
            if (links(temp) > 1) {
                // link(2) gave it its final name; only the unlink of the temporary name was left
                Files.delete(temp);
                return true;
            }
            ResumeState.Verified file = publishing.file();
            prepared(output.continueFrom(name, temp, file.size(), file.mtimeMillis(), publishing.mode())).commit();
            log.info("{} verified in the last run; it took its final name now", name);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot store {}, which verified in the last run: {}; it arrives again", name, Reasons.of(e));
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException | RuntimeException ignored) {
                    // an orphan, removed with the others
                }
            }
            return false;
        }
    }

    /** How many names {@code file} has; 1 where the file system does not say. */
    private static int links(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    @Override
    public boolean directory(String name, long mtimeMillis, int mode, boolean ours) throws IOException {
        return directory().directory(name, mtimeMillis, mode, ours);
    }

    @Override
    public void removeOrphans() {
        // other sessions share the directory (the uploads of a listening receiver): what their
        // journals name stays for them to resume, and what they are writing is live
        Set<String> owned = ResumeState.temporaryFiles(settings.outputDir());
        if (owned != null) {
            Orphans.remove(settings.outputDir(), owned);
        }
    }

    @Override
    public void finish() {
        if (directory != null) {
            directory.finish();
        }
    }

    /** The output directory, opened (and created) when the first entry arrives. */
    private OutputDirectory directory() throws IOException {
        if (directory == null) {
            directory = new OutputDirectory(settings.outputDir(), settings.onExists());
        }
        return directory;
    }
}
