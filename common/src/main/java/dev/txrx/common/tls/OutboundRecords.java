package dev.txrx.common.tls;

import dev.txrx.common.io.BufferPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The write side of a {@link TlsChannel}: wraps plaintext into records, many records into one
 * network buffer, and writes the buffer to the raw side in one call. Every call takes
 * {@link #lock}, and leaves the buffer empty.
 *
 * <p>The read side may find that the engine must answer the peer (a KeyUpdate). It asks
 * {@link #answerForReader()}: the answer is sent at once if no one writes, or else by the writing
 * thread before it lets go of the lock, so that a reader never waits for a writer.
 *
 * <p>The network buffer is borrowed from {@link BufferPool#HEAP} for each call, as large as the
 * call needs (a 4 KiB write takes one record's worth, a bulk write 16), and given back when the
 * outermost hold of the lock ends: an idle connection holds none.
 */
final class OutboundRecords {

    /** Records wrapped before one raw write: 16 full records are 256 KiB of plaintext. */
    static final int RECORDS_PER_WRITE = 16;
    /** The most plaintext one TLS record holds (2^14 bytes, RFC 8446 section 5.1). */
    static final int MAX_PLAINTEXT = 16 * 1024;
    /** How much of a file {@link #transferFrom} reads at a time. */
    static final int FILE_CHUNK = 256 * 1024;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    /** One call on the write side, moving some bytes. */
    private interface Call {
        long run() throws IOException;
    }

    /** Held by every call; the handshake holds it throughout. */
    final ReentrantLock lock = new ReentrantLock();

    private final SSLEngine engine;
    private final WritableByteChannel raw;
    private final int packetSize;
    /** Records wrapped and not yet written, from 0 to the position; null between calls. */
    private ByteBuffer netOut;
    private final ByteBuffer[] single = new ByteBuffer[1];
    private boolean failed;
    /** A reader found the engine wanting to send while the lock was taken. */
    private volatile boolean answerWanted;

    OutboundRecords(SSLEngine engine, WritableByteChannel raw, int packetSize) {
        this.engine = engine;
        this.raw = raw;
        this.packetSize = packetSize;
        // netOut is heap, not direct: SunJCE's AES-GCM works on arrays, and goes through a small
        // array of its own for a direct buffer; measured faster even with the copy NIO makes for the write
    }

    /**
     * Makes sure {@link #netOut} has room for {@code records} records: borrows one, or a larger one
     * in place of an empty one. Records come in powers of two, so that calls share buffers.
     */
    private void needRecords(int records) {
        int wanted = BufferPool.roundUp(Math.min(records, RECORDS_PER_WRITE), 1);
        if (netOut != null && netOut.capacity() >= wanted * packetSize) {
            return;
        }
        if (netOut != null && netOut.position() > 0) {
            return; // holds records to write: it is flushed, and then large enough for one more
        }
        BufferPool.HEAP.give(netOut);
        netOut = BufferPool.HEAP.take(wanted * packetSize);
    }

    /** Gives the network buffer back; only when the lock's outermost hold ends, with nothing left in it. */
    void releaseBuffer() {
        if (netOut != null && lock.getHoldCount() == 1) {
            netOut.clear();
            BufferPool.HEAP.give(netOut);
            netOut = null;
        }
    }

    /** Encrypts and writes all of {@code src}; returns how many bytes that was. */
    long write(ByteBuffer src) throws IOException {
        return holding(() -> sendOne(src));
    }

    /** Encrypts and writes all of {@code srcs}; records may span buffers. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return holding(() -> send(srcs, offset, length));
    }

    /** Encrypts and writes up to {@code count} bytes of {@code file} from {@code position}, at most a chunk. */
    long transferFrom(FileChannel file, long position, long count) throws IOException {
        return holding(() -> {
            int length = (int) Math.max(0, Math.min(FILE_CHUNK, count));
            // direct: the file is read into it without a copy, and wrapping copies it anyway
            ByteBuffer fileChunk = BufferPool.DIRECT.take(BufferPool.roundUp(length, MAX_PLAINTEXT));
            try {
                fileChunk.limit(length);
                while (fileChunk.hasRemaining() && file.read(fileChunk, position + fileChunk.position()) >= 0) {
                    // a regular file reads whole; keep reading until the chunk is full or the file ends
                }
                fileChunk.flip();
                return sendOne(fileChunk);
            } finally {
                BufferPool.DIRECT.give(fileChunk);
            }
        });
    }

    /** Wraps what the engine has to send of its own (handshake, KeyUpdate, alert) and writes it. */
    void sendPending() throws IOException {
        holding(() -> {
            // a handshake flight (certificate and all) is a few records
            needRecords(2);
            do {
                SSLEngineResult result = engine.wrap(NOTHING, netOut);
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    TlsChannel.runTasks(engine);
                }
                if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesProduced() == 0) {
                    break;
                }
            } while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && netOut.remaining() >= packetSize);
            flush();
            return 0;
        });
    }

    /** For the read side: has the engine's answer to the peer sent, now or by the thread writing. */
    void answerForReader() throws IOException {
        // set before trying the lock: a writer that holds it sees the flag once it lets go
        answerWanted = true;
        if (lock.tryLock()) {
            unlock();
        }
    }

    /**
     * Sends close_notify, if no other thread is writing and no write failed; never throws. It is
     * one small record: its write blocks only when the peer stopped reading with the socket's
     * buffer full, and no longer than the caller's watchdog lets any write block.
     */
    void closeNotify() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (!failed) {
                engine.closeOutbound();
                sendPending();
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: the peer may be gone
        } finally {
            releaseBuffer();
            lock.unlock();
        }
    }

    private long holding(Call call) throws IOException {
        lock.lock();
        long moved;
        try {
            moved = call.run();
        } catch (Throwable e) {
            releaseBuffer();
            lock.unlock();
            throw e;
        }
        unlock();
        return moved;
    }

    /** Lets go of the lock, first sending the answer a reader asked for. */
    private void unlock() throws IOException {
        while (true) {
            try {
                // only the outermost hold answers: an inner one is inside a send of our own
                if (answerWanted && !failed && lock.getHoldCount() == 1) {
                    answerWanted = false;
                    sendPending();
                }
            } finally {
                releaseBuffer();
                lock.unlock();
            }
            // a reader that set the flag after our check, and failed to take the lock, left it to us
            if (lock.isHeldByCurrentThread() || !answerWanted || failed || !lock.tryLock()) {
                return;
            }
        }
    }

    private long sendOne(ByteBuffer src) throws IOException {
        single[0] = src;
        try {
            return send(single, 0, 1);
        } finally {
            single[0] = null;
        }
    }

    private long send(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long consumed = 0;
        long total = remaining(srcs, offset, length);
        needRecords((int) Math.max(1, Math.min(RECORDS_PER_WRITE, (total + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT)));
        while (hasRemaining(srcs, offset, length)) {
            while (netOut.remaining() >= packetSize && hasRemaining(srcs, offset, length)) {
                SSLEngineResult result = engine.wrap(srcs, offset, length, netOut);
                consumed += result.bytesConsumed();
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("the TLS connection is closed");
                }
                if (result.bytesProduced() == 0) {
                    throw new SSLException("the TLS engine wrapped nothing: " + result);
                }
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    TlsChannel.runTasks(engine);
                }
            }
            flush();
        }
        return consumed;
    }

    private static long remaining(ByteBuffer[] srcs, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        return total;
    }

    private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private void flush() throws IOException {
        netOut.flip();
        try {
            while (netOut.hasRemaining()) {
                raw.write(netOut);
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            netOut.clear();
        }
    }
}
