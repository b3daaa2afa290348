package dev.txrx.common.tls;

import dev.txrx.common.protocol.FileTransferTarget;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A TLS 1.3 connection over a blocking channel (the raw side, usually a watched socket), made by
 * {@link Tls}. Call {@link #handshake()} once, first; then it reads and writes plaintext, blocking.
 *
 * <p>{@link #read} returns -1 at the peer's close_notify, and also when the raw side ends without
 * one: a truncation is not told apart here, because the txrx framing above detects a frame cut
 * short by itself, and a session's completeness is confirmed by SESSION_END and SESSION_CONFIRM.
 *
 * <p>One thread may read while another writes: each direction has its own buffers and lock. When
 * a read finds that the engine must answer the peer (a KeyUpdate), the answer is sent under the
 * write side's lock, by the reader if no one writes, or else by the writer before it lets go.
 * To save system calls, a write wraps many records into one network buffer before one raw write,
 * and a read takes what the raw side has and unwraps every complete record, straight into the
 * caller's buffer when it has room for one. File content cannot go by sendfile, since it must be
 * encrypted: {@link #transferFrom} reads it in large chunks.
 *
 * <p>A stalled raw read or write is the caller's to end, by closing the raw side; its
 * {@link IOException} is let through.
 */
public final class TlsChannel implements ByteChannel, GatheringByteChannel, FileTransferTarget {

    private final ByteChannel raw;
    private final SSLEngine engine;
    private final boolean listening;
    private final OutboundRecords outbound;
    private final InboundRecords inbound;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SSLSession session;
    private volatile X509Certificate peerCertificate;

    TlsChannel(ByteChannel raw, SSLEngine engine, boolean listening) {
        this.raw = raw;
        this.engine = engine;
        this.listening = listening;
        SSLSession initial = engine.getSession();
        this.outbound = new OutboundRecords(engine, raw, initial.getPacketBufferSize());
        this.inbound = new InboundRecords(engine, raw, outbound, initial.getPacketBufferSize(),
                initial.getApplicationBufferSize());
    }

    /**
     * Does the TLS handshake. The peer's first bytes are judged before the engine sees them.
     *
     * @throws NotTlsException        if they are not TLS (a txrx peer without TLS, perhaps)
     * @throws UntrustedPeerException if the {@link ServerCheck} refused the listening side
     * @throws EOFException           if the peer closed the connection during the handshake
     * @throws SSLException           if the handshake failed otherwise, with a readable message
     * @throws IllegalStateException  if it was done before
     */
    public void handshake() throws IOException {
        inbound.lock.lock();
        outbound.lock.lock();
        try {
            if (session != null) {
                throw new IllegalStateException("the TLS handshake is done already");
            }
            engine.beginHandshake();
            shakeHands();
            SSLSession done = engine.getSession();
            peerCertificate = (X509Certificate) done.getPeerCertificates()[0];
            session = done;
        } catch (SSLPeerUnverifiedException e) {
            throw new SSLException("the peer presented no certificate", e);
        } catch (SSLException e) {
            sendAlert();
            throw HandshakeFailure.of(e);
        } finally {
            outbound.releaseBuffer();
            inbound.releaseBuffers();
            outbound.lock.unlock();
            inbound.lock.unlock();
        }
    }

    private void shakeHands() throws IOException {
        boolean judged = false;
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> outbound.sendPending();
                case NEED_TASK -> runTasks(engine);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!judged) {
                        inbound.judgeFirstBytes(listening);
                        judged = true;
                    }
                    inbound.unwrapHandshake();
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** After a failed handshake: the alert the engine has for the peer, if it can go. */
    private void sendAlert() {
        try {
            outbound.sendPending();
        } catch (IOException | RuntimeException ignored) {
            // the peer learns of the failure from the closed connection instead
        }
    }

    /** Runs the engine's delegated tasks on this thread: they are few, and only in handshakes. */
    static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** The peer's certificate, as presented in the handshake. */
    public X509Certificate peerCertificate() {
        requireHandshake();
        return peerCertificate;
    }

    /** The protocol negotiated: {@value Tls#PROTOCOL}. */
    public String protocol() {
        requireHandshake();
        return session.getProtocol();
    }

    /** The cipher suite negotiated, such as {@code TLS_AES_128_GCM_SHA256}. */
    public String cipherSuite() {
        requireHandshake();
        return session.getCipherSuite();
    }

    /**
     * Reads plaintext into {@code dst}, blocking until there is some.
     *
     * @return the bytes read, or -1 at the end of the stream: the peer's close_notify, or the raw
     *         side's end without one (see the class comment)
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        requireHandshake();
        return inbound.read(dst);
    }

    /** Encrypts and writes all of {@code src}, in as few raw writes as the network buffer allows. */
    @Override
    public int write(ByteBuffer src) throws IOException {
        requireHandshake();
        return (int) outbound.write(src);
    }

    /** Encrypts and writes all of {@code srcs}' bytes; a record may hold bytes of several buffers. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        requireHandshake();
        return outbound.write(srcs, offset, length);
    }

    /** Encrypts and writes all of {@code srcs}' bytes. */
    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    /**
     * Encrypts and writes up to {@code count} bytes of {@code file} from {@code position}, at
     * most {@value OutboundRecords#FILE_CHUNK} at a time; returns how many (0 at the file's end).
     */
    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        requireHandshake();
        return outbound.transferFrom(file, position, count);
    }

    private void requireHandshake() {
        if (session == null) {
            throw new IllegalStateException("handshake() must come first");
        }
    }

    /** True until {@link #close()}, or until the raw side is closed. */
    @Override
    public boolean isOpen() {
        return !closed.get() && raw.isOpen();
    }

    /**
     * Sends close_notify, best effort (only if no other thread is writing and no write failed),
     * then closes the raw side. A thread blocked in a read or write then fails.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (session != null) {
                outbound.closeNotify();
            }
        } finally {
            raw.close();
        }
    }
}
