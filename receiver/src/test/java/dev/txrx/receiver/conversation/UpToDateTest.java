package dev.txrx.receiver.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.transport.ConnectionSettings;
import dev.txrx.common.transport.Ended;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.store.DiskThreads;
import dev.txrx.receiver.store.OnExists;
import dev.txrx.receiver.store.ResumeState;
import dev.txrx.receiver.store.Store;
import dev.txrx.receiver.store.StoreSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's side of comparing copies (version 3), against a sending peer written from
 * {@code docs/PROTOCOL.md}: the COPY frames it sends after RESUME, the UP_TO_DATE it accepts (only
 * for a COPY it sent), counted as verified in its digest and SESSION_CONFIRM and not journaled, and
 * nothing of it to a version 2 sender, or when it stores nothing.
 */
@Timeout(20)
class UpToDateTest {

    private static final String PEER = "127.0.0.1:9";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ConnectionSettings RECEIVING = new ConnectionSettings(Role.RECEIVER,
            "txrx-test/1", TIMEOUT, TIMEOUT, FrameReader.MIN_BUFFER_SIZE, false);
    private static final long MTIME = 1_700_000_000_123L;

    @TempDir
    Path dir;

    private ServerSocketChannel listener;
    private SocketChannel receiverSide;
    private SocketChannel senderSide;
    private StallWatchdog watchdog;
    private DiskThreads disk;
    private Store store;
    private FrameReader fromReceiver;
    private FrameWriter toReceiver;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        senderSide = SocketChannel.open(listener.getLocalAddress());
        receiverSide = listener.accept();
        watchdog = new StallWatchdog();
        disk = new DiskThreads();
        Path held = Files.createDirectories(dir.resolve("received/dir")).resolve("a.txt");
        Files.writeString(held, "held");
        Files.setLastModifiedTime(held, FileTime.fromMillis(MTIME));
        fromReceiver = new FrameReader(senderSide);
        toReceiver = new FrameWriter(senderSide);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        disk.close();
        watchdog.close();
        senderSide.close();
        receiverSide.close();
        listener.close();
    }

    private CompletableFuture<Ended<FilesAnswer>> receive(boolean discard) {
        store = Store.forSession(new StoreSettings(dir.resolve("received"), discard, OnExists.RENAME, false), PEER,
                "FILES ", disk);
        return CompletableFuture.supplyAsync(() -> new PeerConnection(receiverSide, PEER, RECEIVING, watchdog)
                .run(new FilesConversation(new Frame.Request(RequestKind.FILES), PEER, store, TransferEvents.NONE, null, 0)));
    }

    /** The handshake as a sending peer of {@code version}, then the REQUEST. */
    private void helloAndRequest(int version) throws IOException {
        toReceiver.write(new Frame.Hello(version, Role.SENDER, "spec-peer/1"));
        assertThat(fromReceiver.readHello().role()).isEqualTo(Role.RECEIVER);
        assertThat(fromReceiver.next()).isEqualTo(new Frame.Request(RequestKind.FILES));
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    @Test
    void aFileUpToDateCountsAsVerifiedByComparisonInTheDigestAndIsNotJournaled() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(false);
        helloAndRequest(FrameFormat.VERSION);
        assertThat(fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0, 1, 0));
        assertThat(fromReceiver.next()).isEqualTo(new Frame.Copy(4, MTIME, false, 0, "dir/a.txt"));
        toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        toReceiver.write(new Frame.UpToDate(1, 4, 0, "dir/a.txt"));
        byte[] b = "new file".getBytes(StandardCharsets.UTF_8);
        toReceiver.write(new Frame.FileStart(2, b.length, 0, 0, 0644, "dir/b.txt"));
        toReceiver.write(new Frame.FileData(2, ByteBuffer.wrap(b)));
        toReceiver.write(new Frame.FileEnd(2, crc(b)));
        SessionDigest digest = new SessionDigest();
        digest.add(1, 4, 0, "dir/a.txt");
        digest.add(2, b.length, crc(b), "dir/b.txt");
        toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 2, 4 + b.length, digest.digest(), ""));

        assertThat(fromReceiver.next()).isEqualTo(new Frame.SessionConfirm(true, 2, 4 + b.length, digest.digest()));
        FilesResult result = (FilesResult) receiving.get(10, TimeUnit.SECONDS).result();
        assertThat(result.verified()).as(result.problem()).isTrue();
        assertThat(result.compared().line()).isEqualTo("compared 1 copy: 1 file up to date, 1 sent (8 bytes)");
        assertThat(store.verified()).extracting(ResumeState.Verified::name).containsExactly("dir/b.txt");
        assertThat(Files.readString(dir.resolve("received/dir/a.txt"))).isEqualTo("held");
    }

    @Test
    void anUpToDateOfANameThatHadNoCopyBreaksTheProtocol() throws Exception {
        assertThat(refused(new Frame.UpToDate(1, 4, 0, "dir/other.txt")))
                .contains("UP_TO_DATE of dir/other.txt matches no COPY this receiver sent");
    }

    @Test
    void anUpToDateWithAnotherSizeOrCrcThanTheCopyBreaksTheProtocol() throws Exception {
        assertThat(refused(new Frame.UpToDate(1, 4, 7, "dir/a.txt")))
                .contains("UP_TO_DATE of dir/a.txt matches no COPY this receiver sent");
    }

    private String refused(Frame.UpToDate upToDate) throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(false);
        helloAndRequest(FrameFormat.VERSION);
        assertThat(fromReceiver.next()).isInstanceOf(Frame.Resume.class);
        assertThat(fromReceiver.next()).isInstanceOf(Frame.Copy.class);
        toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        toReceiver.write(upToDate);
        FilesAnswer answer = receiving.get(10, TimeUnit.SECONDS).result();
        assertThat(answer.verified()).isFalse();
        return answer.problem();
    }

    @Test
    void aVersion2SenderIsSentNoCopy() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(false);
        helloAndRequest(2);
        assertThat(fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0));
        toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 0, 0, new SessionDigest().digest(), ""));
        assertThat(fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class);
        assertThat(receiving.get(10, TimeUnit.SECONDS).result().verified()).isTrue();
    }

    @Test
    void aReceiverThatDiscardsComparesNothing() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(true);
        helloAndRequest(FrameFormat.VERSION);
        assertThat(fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0));
        toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 0, 0, new SessionDigest().digest(), ""));
        assertThat(fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class);
        assertThat(receiving.get(10, TimeUnit.SECONDS).result().verified()).isTrue();
    }
}
