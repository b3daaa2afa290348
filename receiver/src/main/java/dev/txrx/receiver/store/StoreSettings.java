package dev.txrx.receiver.store;

import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Where and how a store keeps what arrives.
 *
 * @param outputDir where verified files go; ignored with {@code discard}
 * @param discard   keep nothing on disk ({@code --discard}): files are verified and counted only
 * @param onExists  what to do when a file of the same name is already there
 * @param durable   whether a file is flushed to disk before it is reported verified ({@code --no-fsync} turns it off)
 * @param stdout    where the session's one file goes instead of the disk ({@code --stdout}), or null
 */
public record StoreSettings(Path outputDir, boolean discard, OnExists onExists, boolean durable,
                            WritableByteChannel stdout) {

    /** Settings that store on disk, or nowhere. */
    public StoreSettings(Path outputDir, boolean discard, OnExists onExists, boolean durable) {
        this(outputDir, discard, onExists, durable, null);
    }

    /** The same settings writing into {@code directory}. */
    public StoreSettings withOutputDir(Path directory) {
        return new StoreSettings(directory, discard, onExists, durable, stdout);
    }

    /** True when nothing is kept on disk: no output directory, no journal ({@code --discard} or {@code --stdout}). */
    public boolean keepsNothing() {
        return discard || stdout != null;
    }
}
