package dev.txrx.common.tls;

import dev.txrx.common.io.BufferPool;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The read side of a {@link TlsChannel}: reads the raw side in large pieces and unwraps every
 * complete record, straight into the caller's buffer while it has room for one, into a record
 * buffer of our own otherwise. Every call but the handshake's steps takes {@link #lock}.
 *
 * <p>Memory follows the traffic: an idle connection, blocked in a read, holds a small buffer of its
 * own ({@link #IDLE_READ}); a read that fills it, or a record that does not fit it, borrows one of
 * {@link #RECORDS_PER_READ} records from {@link BufferPool#HEAP}, kept while the reads bring a lot
 * and given back once the buffer is empty after a read that brought little. The record buffer for
 * the caller is borrowed when a record does not fit the caller's buffer, and given back once drained.
 */
final class InboundRecords {

    /** Records' worth of ciphertext one raw read may bring. */
    static final int RECORDS_PER_READ = 16;
    /**
     * The buffer an idle connection reads into: room for control frames and handshake messages.
     * NIO reads a heap buffer through a temporary direct one as large as the room asked for, which
     * each thread keeps: both stay small while the peer sends little.
     */
    static final int IDLE_READ = 2048;

    /** Held by every read; the handshake holds it throughout. */
    final ReentrantLock lock = new ReentrantLock();

    private final SSLEngine engine;
    private final ReadableByteChannel raw;
    private final OutboundRecords outbound;
    private final int packetSize;
    private final int applicationSize;
    /** This connection's own {@link #IDLE_READ} buffer. */
    private final ByteBuffer idle;
    /** Ciphertext from the peer not yet unwrapped, between position and limit: {@link #idle} or a borrowed one. */
    private ByteBuffer netIn;
    /** The last raw read brought less than {@link #IDLE_READ}: the peer sends little. */
    private boolean readLittle;
    /** Plaintext of a record that did not fit the caller's buffer, between position and limit, or null. */
    private ByteBuffer appIn;
    /** The peer's close_notify came, or the raw side ended. */
    private boolean ended;

    InboundRecords(SSLEngine engine, ReadableByteChannel raw, OutboundRecords outbound, int packetSize,
                   int applicationSize) {
        this.engine = engine;
        this.raw = raw;
        this.outbound = outbound;
        this.packetSize = packetSize;
        this.applicationSize = applicationSize;
        // heap, as the write side's buffer, for the same reason
        this.idle = ByteBuffer.allocate(Math.min(IDLE_READ, packetSize)).limit(0);
        this.netIn = idle;
    }

    /** Gives back what is borrowed and empty; for the end of the handshake, under both locks. */
    void releaseBuffers() {
        releaseAppInIfDrained();
        if (netIn != idle && !netIn.hasRemaining()) {
            BufferPool.HEAP.give(netIn);
            netIn = idle.clear().limit(0);
        }
    }

    private boolean appInHasRemaining() {
        return appIn != null && appIn.hasRemaining();
    }

    private void releaseAppInIfDrained() {
        if (appIn != null && !appIn.hasRemaining()) {
            BufferPool.HEAP.give(appIn);
            appIn = null;
        }
    }

    private ByteBuffer appIn() {
        if (appIn == null) {
            appIn = BufferPool.HEAP.take(applicationSize).limit(0);
        }
        return appIn;
    }

    /** Reads plaintext into {@code dst}, blocking until there is some; -1 at the end. */
    int read(ByteBuffer dst) throws IOException {
        lock.lock();
        try {
            if (!dst.hasRemaining()) {
                return 0;
            }
            while (true) {
                if (appInHasRemaining()) {
                    return drainAppIn(dst);
                }
                if (ended) {
                    return -1;
                }
                int produced = unwrapInto(dst);
                if (produced > 0) {
                    return produced;
                }
                if (!appInHasRemaining() && !ended && !fill()) {
                    ended = true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Unwraps every complete record buffered, into {@code dst} while it has room for one. */
    private int unwrapInto(ByteBuffer dst) throws IOException {
        int produced = 0;
        while (netIn.hasRemaining()) {
            SSLEngineResult result = engine.unwrap(netIn, dst);
            produced += result.bytesProduced();
            switch (result.getStatus()) {
                case OK -> serveEngine(result.getHandshakeStatus());
                case CLOSED -> {
                    ended = true;
                    return produced;
                }
                case BUFFER_UNDERFLOW -> {
                    return produced;
                }
                case BUFFER_OVERFLOW -> {
                    if (produced == 0) {
                        unwrapIntoAppIn();
                    }
                    return produced;
                }
            }
        }
        return produced;
    }

    /**
     * Unwraps one record that the caller's buffer has no room for into our own. The engine also
     * says "overflow" for a small buffer when less than a record header is buffered: then nothing
     * is unwrapped, and the caller reads more.
     */
    private void unwrapIntoAppIn() throws IOException {
        ByteBuffer appIn = appIn().clear();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            appIn.flip();
            releaseAppInIfDrained();
        }
        switch (result.getStatus()) {
            case OK -> serveEngine(result.getHandshakeStatus());
            case CLOSED -> ended = true;
            case BUFFER_UNDERFLOW -> {
                // the rest of the record is still on its way
            }
            case BUFFER_OVERFLOW -> throw new SSLException("the peer sent a record larger than "
                    + appIn.capacity() + " bytes");
        }
    }

    private int drainAppIn(ByteBuffer dst) {
        int count = Math.min(appIn.remaining(), dst.remaining());
        dst.put(appIn.slice(appIn.position(), count));
        appIn.position(appIn.position() + count);
        releaseAppInIfDrained();
        return count;
    }

    /** After an unwrap: runs the engine's tasks, and has what it must answer the peer sent. */
    private void serveEngine(HandshakeStatus status) throws IOException {
        if (status == HandshakeStatus.NEED_TASK) {
            TlsChannel.runTasks(engine);
            status = engine.getHandshakeStatus();
        }
        if (status == HandshakeStatus.NEED_WRAP) {
            outbound.answerForReader();
        }
    }

    /**
     * Reads until the peer's first bytes are known to be TLS, or refuses them: reads on while
     * they could still become a txrx HELLO, so that the refusal can say it was one.
     */
    void judgeFirstBytes(boolean listening) throws IOException {
        while (true) {
            FirstBytes.Verdict verdict = FirstBytes.judge(netIn, listening);
            if (verdict == FirstBytes.Verdict.TLS) {
                return;
            }
            boolean more = verdict == FirstBytes.Verdict.UNDECIDED || FirstBytes.couldBecomePlainHello(netIn);
            if (!more || !fill()) {
                if (!netIn.hasRemaining()) {
                    throw new EOFException("the peer closed the connection before the TLS handshake");
                }
                throw new NotTlsException(listening ? "the peer did not start a TLS handshake"
                        : "the peer did not answer in TLS", FirstBytes.head(netIn));
            }
        }
    }

    /** One unwrap of the handshake, reading first if nothing is buffered. */
    void unwrapHandshake() throws IOException {
        if (!netIn.hasRemaining()) {
            fillDuringHandshake();
        }
        ByteBuffer appIn = appIn().compact();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            appIn.flip();
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> fillDuringHandshake();
            case CLOSED -> throw new SSLException("the peer closed the TLS connection during the handshake");
            case BUFFER_OVERFLOW -> throw new SSLException("the peer sent application data during the handshake");
            case OK -> {
                // the engine says what it needs next
            }
        }
    }

    private void fillDuringHandshake() throws IOException {
        if (!fill()) {
            throw new EOFException("the peer closed the connection during the TLS handshake");
        }
    }

    /**
     * Adds what the raw side has to {@link #netIn}; false at its end. Borrows a larger buffer when
     * the one in use is full (a record larger than it) or the last read filled it (the peer sends
     * a lot), and goes back to the idle one when it is empty and the last read brought little.
     */
    private boolean fill() throws IOException {
        if (netIn != idle && !netIn.hasRemaining() && readLittle) {
            BufferPool.HEAP.give(netIn);
            netIn = idle.clear().limit(0);
        } else if (netIn == idle && netIn.limit() == netIn.capacity()) {
            // full: the last read filled it, or a record is larger than it
            ByteBuffer larger = BufferPool.HEAP.take(packetSize * RECORDS_PER_READ);
            larger.put(netIn).flip();
            netIn = larger;
        }
        netIn.compact();
        int read;
        try {
            read = raw.read(netIn);
        } finally {
            netIn.flip();
        }
        readLittle = read < IDLE_READ;
        return read >= 0;
    }
}
