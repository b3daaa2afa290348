package dev.txrx.common.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.SplittableRandom;

/** A raw side whose every read brings 1 to 7 bytes, so that records arrive cut at any byte. */
record Dribbling(ByteChannel raw, SplittableRandom random) implements ByteChannel {

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int limit = dst.limit();
        dst.limit(Math.min(limit, dst.position() + random.nextInt(1, 8)));
        try {
            return raw.read(dst);
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return raw.write(src);
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
