package dev.txrx.receiver;

import java.nio.ByteBuffer;

/** With {@code --discard}: the bytes are checked and counted, and nothing is written. */
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
}
