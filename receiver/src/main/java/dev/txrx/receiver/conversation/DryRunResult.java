package dev.txrx.receiver.conversation;

import java.util.List;

/**
 * What a dry run ({@code --dry-run}) found: each file the sender would send, in its order, and
 * whether the copy in the output directory is already the same.
 *
 * @param files   the sender's files, in the order it told them
 * @param missing names asked for that the sender does not have
 * @param problem why the dry run did not complete, or null when it did
 */
public record DryRunResult(List<File> files, List<String> missing, String problem) implements FilesAnswer {

    /**
     * One file of the sender's.
     *
     * @param upToDate true when the receiver's copy is the same, so the file would not be sent
     */
    public record File(String name, long size, boolean upToDate) {
    }

    public DryRunResult {
        files = List.copyOf(files);
        missing = List.copyOf(missing);
    }

    /** True when the sender had every name asked for. */
    @Override
    public boolean complete() {
        return verified() && missing.isEmpty();
    }

    /** A dry run is asked again from the start, never resumed. */
    @Override
    public boolean resumable() {
        return false;
    }

    /** How many files are up to date. */
    public long upToDate() {
        return files.stream().filter(File::upToDate).count();
    }

    /** How many files would be fetched. */
    public long wouldFetch() {
        return files.size() - upToDate();
    }

    /** The bytes of the files that would be fetched. */
    public long wouldFetchBytes() {
        return files.stream().filter(file -> !file.upToDate()).mapToLong(File::size).sum();
    }
}
