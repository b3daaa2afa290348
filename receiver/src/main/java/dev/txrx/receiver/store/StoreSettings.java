package dev.txrx.receiver.store;

import java.nio.file.Path;

/**
 * Where and how a store keeps what arrives.
 *
 * @param outputDir where verified files go; ignored with {@code discard}
 * @param discard   keep nothing on disk ({@code --discard}): files are verified and counted only
 * @param onExists  what to do when a file of the same name is already there
 * @param durable   whether a file is flushed to disk before it is reported verified ({@code --no-fsync} turns it off)
 */
public record StoreSettings(Path outputDir, boolean discard, OnExists onExists, boolean durable) {

    /** The same settings writing into {@code directory}. */
    public StoreSettings withOutputDir(Path directory) {
        return new StoreSettings(directory, discard, onExists, durable);
    }
}
