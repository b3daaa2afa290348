package dev.txrx.receiver.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.transport.Ended;
import dev.txrx.receiver.store.OnExists;
import dev.txrx.receiver.store.ResumeState;
import dev.txrx.receiver.store.Store;
import dev.txrx.receiver.store.StoreSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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

    private static final String PEER = LoopbackSender.PEER;
    private static final long MTIME = 1_700_000_000_123L;

    @TempDir
    Path dir;

    private LoopbackSender wire;
    private Store store;

    @BeforeEach
    void connect() throws IOException {
        wire = new LoopbackSender();
        Path held = Files.createDirectories(dir.resolve("received/dir")).resolve("a.txt");
        Files.writeString(held, "held");
        Files.setLastModifiedTime(held, FileTime.fromMillis(MTIME));
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        wire.close();
    }

    private CompletableFuture<Ended<FilesAnswer>> receive(boolean discard) {
        store = Store.forSession(new StoreSettings(dir.resolve("received"), discard, OnExists.RENAME, false), PEER,
                "FILES ", wire.disk);
        return wire.receive(new FilesConversation(new Frame.Request(RequestKind.FILES), PEER, store, TransferEvents.NONE, null, 0));
    }

    /** The handshake as a sending peer of {@code version}, then the REQUEST. */
    private void helloAndRequest(int version) throws IOException {
        wire.toReceiver.write(new Frame.Hello(version, Role.SENDER, "spec-peer/1"));
        assertThat(wire.fromReceiver.readHello().role()).isEqualTo(Role.RECEIVER);
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Request(RequestKind.FILES));
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
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0, 1, 0));
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Copy(4, MTIME, false, 0, "dir/a.txt"));
        wire.toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        wire.toReceiver.write(new Frame.UpToDate(1, 4, 0, "dir/a.txt"));
        byte[] b = "new file".getBytes(StandardCharsets.UTF_8);
        wire.toReceiver.write(new Frame.FileStart(2, b.length, 0, 0, 0644, "dir/b.txt"));
        wire.toReceiver.write(new Frame.FileData(2, ByteBuffer.wrap(b)));
        wire.toReceiver.write(new Frame.FileEnd(2, crc(b)));
        SessionDigest digest = new SessionDigest();
        digest.add(1, 4, 0, "dir/a.txt");
        digest.add(2, b.length, crc(b), "dir/b.txt");
        wire.toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 2, 4 + b.length, digest.digest(), ""));

        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.SessionConfirm(true, 2, 4 + b.length, digest.digest()));
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
        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.Resume.class);
        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.Copy.class);
        wire.toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        wire.toReceiver.write(upToDate);
        FilesAnswer answer = receiving.get(10, TimeUnit.SECONDS).result();
        assertThat(answer.verified()).isFalse();
        return answer.problem();
    }

    @Test
    void aVersion2SenderIsSentNoCopy() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(false);
        helloAndRequest(2);
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0));
        wire.toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        wire.toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 0, 0, new SessionDigest().digest(), ""));
        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class);
        assertThat(receiving.get(10, TimeUnit.SECONDS).result().verified()).isTrue();
    }

    @Test
    void aReceiverThatDiscardsComparesNothing() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(true);
        helloAndRequest(FrameFormat.VERSION);
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0));
        wire.toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, ""));
        wire.toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 0, 0, new SessionDigest().digest(), ""));
        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class);
        assertThat(receiving.get(10, TimeUnit.SECONDS).result().verified()).isTrue();
    }
}
