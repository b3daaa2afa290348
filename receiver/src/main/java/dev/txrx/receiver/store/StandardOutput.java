package dev.txrx.receiver.store;

import dev.txrx.common.transport.LocalFailureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * With {@code receiver --stdout}: the session's one file is written to standard output as it
 * arrives, with no temporary file and no final name, and nothing is stored on disk. A second file,
 * or a directory, cannot follow it there, and fails the session. Bytes written cannot be taken
 * back: a file that fails its checksum has reached the output all the same, which is why the exit
 * code, not the output, says whether it verified.
 */
final class StandardOutput implements Destination {

    private final WritableByteChannel out;
    private String written;

    /** Writes the one file to {@code out}. */
    StandardOutput(WritableByteChannel out) {
        this.out = out;
    }

    @Override
    public IncomingFile stage(String name, long mtimeMillis, int mode) throws IOException {
        if (written != null) {
            throw new LocalFailureException("--stdout takes a single file, and the sender sends a second one, " + name
                    + ", after " + written);
        }
        written = name;
        return new Piece();
    }

    @Override
    public IncomingFile reopen(ResumeState.Partial partial, long held, long mtimeMillis, int mode) {
        // never called: nothing is journaled, so nothing is held
        throw new IllegalStateException("nothing is held with --stdout");
    }

    @Override
    public String temp(IncomingFile file) {
        return "";
    }

    @Override
    public Held.Part held(ResumeState.Partial partial) {
        return null;
    }

    @Override
    public void delete(ResumeState.Partial partial) {
    }

    @Override
    public boolean recover(ResumeState.Publishing publishing) {
        return false;
    }

    @Override
    public boolean directory(String name, long mtimeMillis, int mode, boolean ours) throws LocalFailureException {
        throw new LocalFailureException("--stdout takes a single file, and the sender sends a directory, " + name);
    }

    @Override
    public void removeOrphans() {
    }

    @Override
    public void finish() {
    }

    /** The file on standard output: written through at once, so nothing is left to commit or to take back. */
    private final class Piece implements IncomingFile {
        @Override
        public void write(ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                out.write(data);
            }
        }

        @Override
        public void commit() {
        }

        @Override
        public void abandon() {
        }

        @Override
        public boolean suspend() {
            return false;
        }
    }
}
