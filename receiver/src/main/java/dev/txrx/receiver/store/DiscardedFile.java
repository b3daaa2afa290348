package dev.txrx.receiver.store;

import java.nio.ByteBuffer;

/**
 * A file whose bytes are checked and counted, and written nowhere: every file with
 * {@code --discard}, and one that {@code --on-exists skip} drops.
 */
final class DiscardedFile implements IncomingFile {

    @Override
    public void write(ByteBuffer data) {
        data.position(data.limit());
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
