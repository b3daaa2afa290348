package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.transport.ConnectionSettings;
import dev.txrx.common.transport.Ended;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.store.DiskThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A loopback connection on which a test plays the sending peer, frame by frame, as
 * {@code docs/PROTOCOL.md} says, against a receiver's conversation on the other end; with the
 * watchdog and disk threads that conversation needs.
 */
final class LoopbackSender implements AutoCloseable {

    /** The address the receiver's messages name. */
    static final String PEER = "127.0.0.1:9";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ConnectionSettings RECEIVING = new ConnectionSettings(Role.RECEIVER,
            "txrx-test/1", TIMEOUT, TIMEOUT, FrameReader.MIN_BUFFER_SIZE, false);

    private final ServerSocketChannel listener;
    private final SocketChannel receiverSide;
    private final SocketChannel senderSide;
    final StallWatchdog watchdog = new StallWatchdog();
    final DiskThreads disk = new DiskThreads();
    /** What the receiver sends, read as the sender. */
    final FrameReader fromReceiver;
    /** What the test sends as the sender. */
    final FrameWriter toReceiver;

    LoopbackSender() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        senderSide = SocketChannel.open(listener.getLocalAddress());
        receiverSide = listener.accept();
        fromReceiver = new FrameReader(senderSide);
        toReceiver = new FrameWriter(senderSide);
    }

    /** Runs {@code conversation} as the receiving side of the connection, on another thread. */
    CompletableFuture<Ended<FilesAnswer>> receive(FilesConversation conversation) {
        return CompletableFuture.supplyAsync(() -> new PeerConnection(receiverSide, PEER, RECEIVING, watchdog)
                .run(conversation));
    }

    /** Cuts the connection from the sender's end, as a network failure would. */
    void cut() throws IOException {
        senderSide.close();
    }

    @Override
    public void close() throws IOException {
        disk.close();
        watchdog.close();
        senderSide.close();
        receiverSide.close();
        listener.close();
    }
}
