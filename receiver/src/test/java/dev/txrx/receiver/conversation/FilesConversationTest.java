package dev.txrx.receiver.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.transport.Ended;
import dev.txrx.receiver.store.OnExists;
import dev.txrx.receiver.store.Store;
import dev.txrx.receiver.store.StoreSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import dev.txrx.common.report.FileDone;
import dev.txrx.common.report.Totals;
import dev.txrx.common.report.TransferEvents;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's side of a FILES session, over a real loopback connection, against a sending peer
 * written from {@code docs/PROTOCOL.md} alone: the test plays the sender, frame by frame.
 */
@Timeout(20)
class FilesConversationTest {

    private static final String PEER = LoopbackSender.PEER;

    @TempDir
    Path dir;

    private LoopbackSender wire;
    private Store store;

    @BeforeEach
    void connect() throws IOException {
        wire = new LoopbackSender();
        store = Store.forSession(new StoreSettings(dir.resolve("received"), false, OnExists.RENAME, false), PEER,
                "FILES ", wire.disk);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        wire.close();
    }

    private CompletableFuture<Ended<FilesAnswer>> receive() {
        return receive(TransferEvents.NONE);
    }

    private CompletableFuture<Ended<FilesAnswer>> receive(TransferEvents events) {
        return wire.receive(new FilesConversation(new Frame.Request(RequestKind.FILES), PEER, store, events, null, 0));
    }

    /** The handshake as a sending peer, then what the specification says a receiving peer asks: FILES and RESUME. */
    private void helloAndRequest() throws IOException {
        wire.toReceiver.write(new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "spec-peer/1"));
        assertThat(wire.fromReceiver.readHello().role()).isEqualTo(Role.RECEIVER);
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Request(RequestKind.FILES));
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0));
    }

    /** Sends one whole file; returns its CRC32C. */
    private int sendFile(long id, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        wire.toReceiver.write(new Frame.FileStart(id, bytes.length, 0, 0, 0644, name));
        wire.toReceiver.write(new Frame.FileData(id, ByteBuffer.wrap(bytes)));
        wire.toReceiver.write(new Frame.FileEnd(id, (int) crc.getValue()));
        return (int) crc.getValue();
    }

    /**
     * Ids need not increase in the order files are sent: the digest takes them in ascending id
     * order on both sides, so a sender that numbers 7, 3, 5 is confirmed.
     */
    @Test
    void filesWhoseIdsDoNotIncreaseAreConfirmedWithTheDigestInAscendingIdOrder() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive();
        helloAndRequest();
        wire.toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        int seven = sendFile(7, "seven.txt", "seventh");
        int three = sendFile(3, "three.txt", "third");
        int five = sendFile(5, "five.txt", "fifth");
        SessionDigest ascending = new SessionDigest();
        ascending.add(3, 5, three, "three.txt");
        ascending.add(5, 5, five, "five.txt");
        ascending.add(7, 7, seven, "seven.txt");
        wire.toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 3, 17, ascending.digest(), ""));

        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.SessionConfirm(true, 3, 17, ascending.digest()));
        FilesAnswer answer = receiving.get(10, TimeUnit.SECONDS).result();
        assertThat(answer.verified()).as(answer.problem()).isTrue();
        assertThat(Files.readString(dir.resolve("received/three.txt"))).isEqualTo("third");
    }

    /** The events a view draws from: the sender's totals, every byte, and each file once it is verified and stored. */
    @Test
    void eventsGiveTheTotalsTheBytesAndEachFileOnceStored() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        AtomicLong moved = new AtomicLong();
        TransferEvents events = new TransferEvents() {
            @Override
            public void started(Totals totals) {
                heard.add("start " + totals.files() + " " + totals.bytes());
            }

            @Override
            public void moved(long bytes) {
                moved.addAndGet(bytes);
            }

            @Override
            public void fileDone(FileDone file) {
                assertThat(Files.exists(dir.resolve("received").resolve(file.name()))).isTrue();
                heard.add("file " + file.name() + " " + file.size() + " " + file.moved());
            }
        };
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(events);
        helloAndRequest();
        wire.toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, "", 2, 12));
        SessionDigest digest = new SessionDigest();
        digest.add(1, 5, sendFile(1, "a.txt", "hello"), "a.txt");
        digest.add(2, 7, sendFile(2, "b.txt", "goodbye"), "b.txt");
        wire.toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 2, 12, digest.digest(), ""));

        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class);
        assertThat(receiving.get(10, TimeUnit.SECONDS).result().verified()).isTrue();
        assertThat(heard).containsExactly("start 2 12", "file a.txt 5 5", "file b.txt 7 7");
        assertThat(moved).hasValue(12);
    }

    @Test
    void anAnswerThatDoesNotBeginWithSessionStartIsAProtocolError() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive();
        helloAndRequest();
        // FILE_START alone: the receiver answers it with ERROR and hangs up, so more would meet a broken pipe
        wire.toReceiver.write(new Frame.FileStart(1, 1, 0, 0, 0644, "a.txt"));

        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Error(ErrorCode.PROTOCOL_VIOLATION,
                "expected SESSION_START, got FILE_START"));
        assertThat(receiving.get(10, TimeUnit.SECONDS).result().verified()).isFalse();
        assertThat(dir.resolve("received/a.txt")).doesNotExist();
    }

    /** A version 2 sender would ignore the excludes and send everything: the receiver says so and asks nothing. */
    @Test
    void excludesAreNotAskedOfAVersionTwoSender() throws Exception {
        Frame.Request excluding = new Frame.Request(RequestKind.FILES, List.of(), List.of("*.tmp"));
        CompletableFuture<Ended<FilesAnswer>> receiving =
                wire.receive(new FilesConversation(excluding, PEER, store, TransferEvents.NONE, null, 0));
        wire.toReceiver.write(new Frame.Hello(2, Role.SENDER, "old-peer/1"));
        wire.fromReceiver.readHello();

        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Error(ErrorCode.UNSUPPORTED_REQUEST,
                "the sender speaks protocol version 2, which cannot leave entries out; upgrade it, or drop --exclude"));
        FilesAnswer answer = receiving.get(10, TimeUnit.SECONDS).result();
        assertThat(answer.verified()).isFalse();
        assertThat(answer.problem()).contains("cannot leave entries out");
    }

    @Test
    void excludesTravelInTheRequestToAVersionThreeSender() throws Exception {
        Frame.Request excluding = new Frame.Request(RequestKind.FILES, List.of(), List.of("*.tmp", "build"));
        CompletableFuture<Ended<FilesAnswer>> receiving =
                wire.receive(new FilesConversation(excluding, PEER, store, TransferEvents.NONE, null, 0));
        wire.toReceiver.write(new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "spec-peer/1"));
        wire.fromReceiver.readHello();

        assertThat(wire.fromReceiver.next()).isEqualTo(excluding);
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0));
        wire.toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, "", 0, 0));
        wire.toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 0, 0, new SessionDigest().digest(), ""));
        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class);
        assertThat(receiving.get(10, TimeUnit.SECONDS).result().verified()).isTrue();
    }
}
