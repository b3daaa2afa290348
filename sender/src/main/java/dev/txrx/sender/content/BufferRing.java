package dev.txrx.sender.content;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few direct buffers that go round between a generating thread, which fills free ones, and a
 * conversation, which sends filled ones and gives them back. Allocated once per session's content,
 * so nothing is allocated per piece of data; the filled ones keep their order.
 */
final class BufferRing {

    private final BlockingQueue<ByteBuffer> free;
    private final BlockingQueue<ByteBuffer> filled;

    /** {@code count} buffers of {@code size} bytes each. */
    BufferRing(int count, int size) {
        free = new ArrayBlockingQueue<>(count);
        filled = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            free.add(ByteBuffer.allocateDirect(size));
        }
    }

    /** A buffer to fill, or null if none came free within {@code waitMillis}. */
    ByteBuffer takeFree(long waitMillis) throws InterruptedException {
        return free.poll(waitMillis, TimeUnit.MILLISECONDS);
    }

    /** Hands a filled buffer, positioned at its first byte to send, to the conversation. */
    void putFilled(ByteBuffer buffer) {
        filled.add(buffer);
    }

    /** The oldest filled buffer, or null if none was filled within {@code waitMillis}. */
    ByteBuffer takeFilled(long waitMillis) throws InterruptedException {
        return filled.poll(waitMillis, TimeUnit.MILLISECONDS);
    }

    /** True when no filled buffer waits to be sent. */
    boolean noneFilled() {
        return filled.isEmpty();
    }

    /** Gives back a buffer taken from either side, to be filled again. */
    void release(ByteBuffer buffer) {
        free.add(buffer);
    }

    /** Takes back the filled buffers nobody will send (the file they belonged to was dropped). */
    void reclaim() {
        filled.drainTo(free);
    }
}
