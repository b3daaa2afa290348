package dev.txrx.common.io;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers that connections borrow for one call, or for as long as they are busy, and give back,
 * so that the memory held follows the connections busy at the moment and not those open: ten
 * thousand idle connections hold none. A direct buffer is otherwise freed only when the garbage
 * collector finds it, which a large heap with little garbage puts off for minutes.
 *
 * <p>Buffers are kept by exact capacity, at most {@link #KEPT_PER_CAPACITY} of each; a buffer
 * given back beyond that is left to the collector. Thread-safe. A buffer must not be used after
 * it was given back: another connection may have it.
 */
public final class BufferPool {

    /** Free buffers kept of each capacity. */
    static final int KEPT_PER_CAPACITY = 32;

    /** Heap buffers: for the TLS engine, whose ciphers work on arrays. */
    public static final BufferPool HEAP = new BufferPool(false);
    /** Direct buffers: for what goes to a socket or comes from a file without a copy. */
    public static final BufferPool DIRECT = new BufferPool(true);

    private final boolean direct;
    private final ConcurrentHashMap<Integer, Shelf> shelves = new ConcurrentHashMap<>();

    /** The free buffers of one capacity, and how many there are. */
    private static final class Shelf {
        final Queue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();
        final AtomicInteger count = new AtomicInteger();
    }

    BufferPool(boolean direct) {
        this.direct = direct;
    }

    /** A cleared buffer of exactly {@code capacity} bytes, kept or new; its content is undefined. */
    public ByteBuffer take(int capacity) {
        Shelf shelf = shelves.get(capacity);
        ByteBuffer buffer = shelf == null ? null : shelf.buffers.poll();
        if (buffer == null) {
            return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        }
        shelf.count.decrementAndGet();
        return buffer.clear();
    }

    /** Gives {@code buffer} back (null: nothing); the caller must not touch it again. */
    public void give(ByteBuffer buffer) {
        if (buffer == null || buffer.isDirect() != direct || buffer.isReadOnly()) {
            return;
        }
        Shelf shelf = shelves.computeIfAbsent(buffer.capacity(), capacity -> new Shelf());
        if (shelf.count.incrementAndGet() > KEPT_PER_CAPACITY) {
            shelf.count.decrementAndGet();
            return;
        }
        shelf.buffers.add(buffer);
    }

    /** Free buffers kept of {@code capacity}, for tests. */
    int kept(int capacity) {
        Shelf shelf = shelves.get(capacity);
        return shelf == null ? 0 : shelf.buffers.size();
    }

    /** The smallest power of two of at least {@code size} and at least {@code minimum}, so that sizes share buffers. */
    public static int roundUp(int size, int minimum) {
        int wanted = Math.max(size, minimum);
        int power = Integer.highestOneBit(wanted);
        return power == wanted ? wanted : power << 1;
    }
}
