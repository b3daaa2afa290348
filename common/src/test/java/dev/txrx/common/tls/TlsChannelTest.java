package dev.txrx.common.tls;

import static dev.txrx.common.tls.Loopback.anyServer;
import static dev.txrx.common.tls.Loopback.await;
import static dev.txrx.common.tls.Streams.random;
import static dev.txrx.common.tls.Streams.readExactly;
import static dev.txrx.common.tls.Streams.receive;
import static dev.txrx.common.tls.Streams.sendRandom;
import static dev.txrx.common.tls.Streams.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TlsChannelTest extends TwoIdentities {

    private static final int MiB = 1024 * 1024;

    @Test
    void carriesDataBothWaysWithTheNegotiatedSuiteAndEachOthersCertificate() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Loopback.Pair pair = Loopback.handshake(loopback, listener.tls(), connector.tls(), anyServer());
            byte[] request = random(100_000, 1);
            byte[] reply = random(70_000, 2);
            Future<byte[]> served = loopback.start(() -> {
                // a buffer smaller than a record: the rest of each record waits in the channel
                byte[] got = readExactly(pair.listening(), request.length, 7);
                writeAll(pair.listening(), ByteBuffer.wrap(reply));
                return got;
            });
            writeAll(pair.connecting(), ByteBuffer.wrap(request));

            assertThat(readExactly(pair.connecting(), reply.length, 64 * 1024)).isEqualTo(reply);
            assertThat(await(served)).isEqualTo(request);
            for (TlsChannel side : List.of(pair.listening(), pair.connecting())) {
                assertThat(side.protocol()).isEqualTo("TLSv1.3");
                assertThat(side.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
            }
            assertThat(pair.listening().peerCertificate()).isEqualTo(connector.certificate());
            assertThat(pair.connecting().peerCertificate()).isEqualTo(listener.certificate());
        }
    }

    @Test
    void readsRecordsCutAnywhereIntoBuffersOfAnySize() throws Exception {
        try (Loopback loopback = new Loopback()) {
            ByteChannel dribbling = new Dribbling(loopback.accepted, new SplittableRandom(8));
            Loopback.Pair pair = Loopback.handshake(loopback, dribbling, listener.tls(), connector.tls(), anyServer());
            byte[] sent = random(60_000, 9);
            Future<Void> sending = loopback.start(() -> {
                writeAll(pair.connecting(), ByteBuffer.wrap(sent));
                return null;
            });
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            int[] sizes = {1, 5, 100, 20_000, 3};
            for (int i = 0; received.size() < sent.length; i++) {
                ByteBuffer buffer = ByteBuffer.allocate(sizes[i % sizes.length]);
                assertThat(pair.listening().read(buffer)).isPositive();
                received.write(buffer.array(), 0, buffer.position());
            }
            await(sending);

            assertThat(received.toByteArray()).isEqualTo(sent);
        }
    }

    @Test
    void readsAndWritesAtOnceOnOneChannel() throws Exception {
        long volume = 2L * MiB;
        try (Loopback loopback = new Loopback()) {
            Loopback.Pair pair = Loopback.handshake(loopback, listener.tls(), connector.tls(), anyServer());
            Future<byte[]> connectingSent = loopback.start(() -> sendRandom(pair.connecting(), volume, 3));
            Future<byte[]> listeningSent = loopback.start(() -> sendRandom(pair.listening(), volume, 4));
            Future<byte[]> listeningGot = loopback.start(() -> receive(pair.listening(), volume));

            byte[] connectingGot = receive(pair.connecting(), volume);

            assertThat(connectingGot).isEqualTo(await(listeningSent));
            assertThat(await(listeningGot)).isEqualTo(await(connectingSent));
        }
    }

    @Test
    void sendsAFileInFramesByTransferFrom() throws Exception {
        Path file = identities.resolve("content.bin");
        long size = 3L * MiB + 123;
        byte[] sent;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            sent = sendRandom(out, size, 5);
        }
        try (Loopback loopback = new Loopback()) {
            Loopback.Pair pair = Loopback.handshake(loopback, listener.tls(), connector.tls(), anyServer());
            Future<byte[]> received = loopback.start(() -> {
                FrameReader reader = new FrameReader(pair.listening());
                MessageDigest digest = Streams.sha256();
                for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
                    digest.update(((Frame.FileData) frame).data());
                }
                return digest.digest();
            });
            try (FileChannel in = FileChannel.open(file)) {
                new FrameWriter(pair.connecting()).transferData(7, in, 0, size, FrameFormat.MAX_DATA_PER_FRAME);
            }
            pair.connecting().close();

            assertThat(await(received)).isEqualTo(sent);
        }
    }

    @Test
    void readsTheEndAtThePeersCloseNotify() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Loopback.Pair pair = Loopback.handshake(loopback, listener.tls(), connector.tls(), anyServer());
            writeAll(pair.connecting(), ByteBuffer.wrap("last words".getBytes(StandardCharsets.US_ASCII)));
            pair.connecting().close();

            assertThat(readExactly(pair.listening(), 10, 100)).asString(StandardCharsets.US_ASCII)
                    .isEqualTo("last words");
            assertThat(pair.listening().read(ByteBuffer.allocate(100))).isEqualTo(-1);
            assertThat(pair.connecting().isOpen()).isFalse();
            assertThat(loopback.connected.isOpen()).isFalse();
        }
    }

    @Test
    void readsTheEndWhenTheRawStreamEndsWithoutCloseNotify() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Loopback.Pair pair = Loopback.handshake(loopback, listener.tls(), connector.tls(), anyServer());
            writeAll(pair.connecting(), ByteBuffer.wrap("cut off".getBytes(StandardCharsets.US_ASCII)));
            loopback.connected.close();

            assertThat(readExactly(pair.listening(), 7, 100)).asString(StandardCharsets.US_ASCII).isEqualTo("cut off");
            assertThat(pair.listening().read(ByteBuffer.allocate(100))).isEqualTo(-1);
            assertThat(pair.listening().read(ByteBuffer.allocate(100))).isEqualTo(-1);
        }
    }

    @Test
    void closeDoesNotWaitForAWriterBlockedOnAPeerThatDoesNotRead() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Loopback.Pair pair = Loopback.handshake(loopback, listener.tls(), connector.tls(), anyServer());
            // far more than the sockets' buffers hold: the one write blocks, holding the write side
            ByteBuffer tooMuch = ByteBuffer.allocate(64 * MiB);
            Future<Integer> writing = loopback.start(() -> pair.connecting().write(tooMuch));
            assertThat(loopback.accepted.read(ByteBuffer.allocate(1))).isEqualTo(1);

            pair.connecting().close();

            assertThatThrownBy(() -> await(writing)).isInstanceOf(IOException.class);
            assertThat(pair.connecting().isOpen()).isFalse();
        }
    }

    @Test
    void closeEndsAReadThatWaitsInAnotherThread() throws Exception {
        try (Loopback loopback = new Loopback()) {
            Loopback.Pair pair = Loopback.handshake(loopback, listener.tls(), connector.tls(), anyServer());
            Future<Integer> reading = loopback.start(() -> pair.listening().read(ByteBuffer.allocate(100)));

            pair.listening().close();

            assertThatThrownBy(() -> await(reading)).isInstanceOf(IOException.class);
        }
    }

    /**
     * A JSSE socket's {@code startHandshake()} on a TLS 1.3 connection sends a KeyUpdate that asks
     * for ours: our side answers it from its reading thread while its writing thread sends.
     */
    @Test
    void keepsReadingAndWritingWhileThePeerUpdatesKeys() throws Exception {
        long volume = MiB;
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (Loopback threads = new Loopback();
                 SSLSocket peer = (SSLSocket) connector.trustingContext("TLSv1.3").getSocketFactory()
                         .createSocket("127.0.0.1", port);
                 SocketChannel raw = server.accept()) {
                peer.setEnabledProtocols(new String[] {"TLSv1.3"});
                TlsChannel ours = listener.tls().accept(raw);
                Future<Void> handshake = threads.start(() -> {
                    ours.handshake();
                    return null;
                });
                peer.startHandshake();
                await(handshake);
                Future<byte[]> oursGot = threads.start(() -> receive(ours, 2 * volume));
                Future<byte[]> oursSent = threads.start(() -> sendRandom(ours, volume, 6));
                Future<byte[]> peerGot = threads.start(() -> receive(Channels.newChannel(peer.getInputStream()), volume));

                OutputStream out = peer.getOutputStream();
                MessageDigest sent = Streams.sha256();
                for (int i = 0; i < 8; i++) {
                    byte[] part = random((int) (2 * volume / 8), 10 + i);
                    sent.update(part);
                    out.write(part);
                    peer.startHandshake();
                }
                out.flush();

                assertThat(await(oursGot)).isEqualTo(sent.digest());
                assertThat(await(peerGot)).isEqualTo(await(oursSent));
            }
        }
    }
}
