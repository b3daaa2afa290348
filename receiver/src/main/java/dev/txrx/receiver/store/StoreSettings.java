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
 * @param checksum  compare the copies already in the output directory by content, their CRC32C
 *                  ({@code --checksum}), rather than by size and time
 * @param dryRun    store nothing, and only ask what would be sent ({@code --dry-run}): the output
 *                  directory is read for its copies, never written
 * @param stdout    where the session's one file goes instead of the disk ({@code --stdout}), or null
 */
public record StoreSettings(Path outputDir, boolean discard, OnExists onExists, boolean durable, boolean checksum,
                            boolean dryRun, WritableByteChannel stdout) {

    /** Settings that compare copies by size and time, for a run that stores (or discards) what arrives. */
    public StoreSettings(Path outputDir, boolean discard, OnExists onExists, boolean durable) {
        this(outputDir, discard, onExists, durable, false, false, null);
    }

    /** Settings that write the session's one file to {@code stdout}, or store as the others say when it is null. */
    public StoreSettings(Path outputDir, boolean discard, OnExists onExists, boolean durable, WritableByteChannel stdout) {
        this(outputDir, discard, onExists, durable, false, false, stdout);
    }

    /** Settings that store on disk or nowhere, comparing copies as {@code checksum} says, or only asking ({@code dryRun}). */
    public StoreSettings(Path outputDir, boolean discard, OnExists onExists, boolean durable, boolean checksum,
                         boolean dryRun) {
        this(outputDir, discard, onExists, durable, checksum, dryRun, null);
    }

    /** The same settings writing into {@code directory}. */
    public StoreSettings withOutputDir(Path directory) {
        return new StoreSettings(directory, discard, onExists, durable, checksum, dryRun, stdout);
    }

    /**
     * True when files that arrive are written to the output directory, with a journal: not with
     * {@code --discard}, a dry run or {@code --stdout}.
     */
    public boolean keepsFiles() {
        return !discard && !dryRun && stdout == null;
    }

    /** True when nothing is kept on disk: no output directory, no journal. */
    public boolean keepsNothing() {
        return !keepsFiles();
    }

    /**
     * True when the receiver tells the sender of the copies its output directory holds (COPY), so
     * that the same files are not sent again: whenever it keeps files, and in a dry run, which asks
     * what would be sent. Not when nothing is stored ({@code --discard}, or a stream to stdout).
     */
    public boolean comparesCopies() {
        return !discard && stdout == null;
    }
}
