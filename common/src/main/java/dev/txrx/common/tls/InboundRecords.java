package dev.txrx.common.tls;

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
 */
final class InboundRecords {

    /** Records' worth of ciphertext one raw read may bring. */
    static final int RECORDS_PER_READ = 16;

    /** Held by every read; the handshake holds it throughout. */
    final ReentrantLock lock = new ReentrantLock();

    private final SSLEngine engine;
    private final ReadableByteChannel raw;
    private final OutboundRecords outbound;
    /** Ciphertext from the peer not yet unwrapped, between position and limit. */
    private final ByteBuffer netIn;
    /** Plaintext of a record that did not fit the caller's buffer, between position and limit. */
    private final ByteBuffer appIn;
    /** The peer's close_notify came, or the raw side ended. */
    private boolean ended;

    InboundRecords(SSLEngine engine, ReadableByteChannel raw, OutboundRecords outbound, int packetSize,
                   int applicationSize) {
        this.engine = engine;
        this.raw = raw;
        this.outbound = outbound;
        // heap, as the write side's buffer, for the same reason
        this.netIn = ByteBuffer.allocate(packetSize * RECORDS_PER_READ).limit(0);
        this.appIn = ByteBuffer.allocate(applicationSize).limit(0);
    }

    /** Reads plaintext into {@code dst}, blocking until there is some; -1 at the end. */
    int read(ByteBuffer dst) throws IOException {
        lock.lock();
        try {
            if (!dst.hasRemaining()) {
                return 0;
            }
            while (true) {
                if (appIn.hasRemaining()) {
                    return drainAppIn(dst);
                }
                if (ended) {
                    return -1;
                }
                int produced = unwrapInto(dst);
                if (produced > 0) {
                    return produced;
                }
                if (!appIn.hasRemaining() && !ended && !fill()) {
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
        appIn.clear();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            appIn.flip();
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
        appIn.compact();
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

    /** Adds what the raw side has to {@link #netIn}; false at its end. */
    private boolean fill() throws IOException {
        netIn.compact();
        try {
            return raw.read(netIn) >= 0;
        } finally {
            netIn.flip();
        }
    }
}
