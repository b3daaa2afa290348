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
import dev.txrx.receiver.store.Store;
import dev.txrx.receiver.store.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of unknown size on the receiving side, over a loopback connection, the test playing the
 * sender frame by frame: stored on disk or written to standard output ({@code --stdout}), FILE_END's
 * size checked against what arrived, and a cut stream never resumed.
 */
@Timeout(20)
class StreamReceiveTest {

    private static final String PEER = LoopbackSender.PEER;
    private static final byte[] CONTENT = "a stream of bytes, sent before its size was known".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private LoopbackSender wire;
    private Store store;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @BeforeEach
    void connect() throws IOException {
        wire = new LoopbackSender();
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        wire.close();
    }

    private CompletableFuture<Ended<FilesAnswer>> receive(boolean toStdout) {
        store = Store.forSession(new StoreSettings(dir.resolve("received"), false, OnExists.RENAME, false,
                toStdout ? Channels.newChannel(stdout) : null), PEER, "FILES ", wire.disk);
        return wire.receive(new FilesConversation(new Frame.Request(RequestKind.FILES), PEER, store, TransferEvents.NONE,
                        null, 0));
    }

    /** The handshake, FILES and an empty RESUME (nothing held: no HAVE, also with {@code --stdout}), and SESSION_START. */
    private void startSession() throws IOException {
        wire.toReceiver.write(new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "spec-peer/1"));
        wire.fromReceiver.readHello();
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Request(RequestKind.FILES));
        assertThat(wire.fromReceiver.next()).isEqualTo(new Frame.Resume(new UUID(0, 0), 0));
        wire.toReceiver.write(new Frame.SessionStart(UUID.randomUUID(), false, "", 1, Frame.SessionStart.UNKNOWN));
    }

    /** The stream's FILE_START and its data in three frames, one of them empty; the CRC32C of the content. */
    private int sendStreamData() throws IOException {
        wire.toReceiver.write(new Frame.FileStart(1, Frame.FileStart.UNKNOWN_SIZE, 0, 0, 0600, "stdin"));
        wire.toReceiver.write(new Frame.FileData(1, ByteBuffer.wrap(CONTENT, 0, 10)));
        wire.toReceiver.write(new Frame.FileData(1, ByteBuffer.allocate(0)));
        wire.toReceiver.write(new Frame.FileData(1, ByteBuffer.wrap(CONTENT, 10, CONTENT.length - 10)));
        CRC32C crc = new CRC32C();
        crc.update(CONTENT);
        return (int) crc.getValue();
    }

    private void endSession(int crc) throws IOException {
        SessionDigest digest = new SessionDigest();
        digest.add(1, CONTENT.length, crc, "stdin");
        wire.toReceiver.write(new Frame.SessionEnd(SessionStatus.COMPLETE, 1, CONTENT.length, digest.digest(), ""));
    }

    private static FilesAnswer answer(CompletableFuture<Ended<FilesAnswer>> receiving) throws Exception {
        return receiving.get(10, TimeUnit.SECONDS).result();
    }

    /** What the output directory holds beside the resume journal. */
    private Stream<Path> stored() throws IOException {
        Path received = dir.resolve("received");
        return Files.exists(received) ? Files.list(received)
                .filter(path -> !path.getFileName().toString().equals(".txrx-resume")) : Stream.empty();
    }

    @Test
    void aStreamIsStoredWithTheSizeItsFileEndGivesAndVerifiedByTheDigest() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(false);
        startSession();
        int crc = sendStreamData();
        wire.toReceiver.write(new Frame.FileEnd(1, crc, CONTENT.length));
        endSession(crc);

        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class)
                .extracting(frame -> ((Frame.SessionConfirm) frame).verified()).isEqualTo(true);
        FilesAnswer answer = answer(receiving);
        assertThat(answer.verified()).as(answer.problem()).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("received/stdin"))).isEqualTo(CONTENT);
        assertThat(store.verified().get(0).size()).isEqualTo(CONTENT.length);
    }

    @Test
    void withStdoutTheContentGoesThereAndNothingToTheDisk() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(true);
        startSession();
        int crc = sendStreamData();
        wire.toReceiver.write(new Frame.FileEnd(1, crc, CONTENT.length));
        endSession(crc);

        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class);
        FilesAnswer answer = answer(receiving);
        assertThat(answer.verified()).as(answer.problem()).isTrue();
        assertThat(stdout.toByteArray()).isEqualTo(CONTENT);
        assertThat(dir.resolve("received")).doesNotExist();
    }

    @Test
    void aFileEndWithoutItsSizeAfterAnUnknownSizeIsAProtocolError() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(false);
        startSession();
        int crc = sendStreamData();
        wire.toReceiver.write(new Frame.FileEnd(1, crc));

        assertThat(answer(receiving).problem())
                .isEqualTo("protocol error: FILE_END of stdin, a file of unknown size, gives no size");
        assertThat(stored()).as("the staged stream is deleted").isEmpty();
    }

    @Test
    void aFileEndWhoseSizeDiffersFromWhatArrivedIsAProtocolError() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(false);
        startSession();
        int crc = sendStreamData();
        wire.toReceiver.write(new Frame.FileEnd(1, crc, CONTENT.length + 1));

        assertThat(answer(receiving).problem()).isEqualTo("protocol error: FILE_END of stdin gives size "
                + (CONTENT.length + 1) + ", but " + CONTENT.length + " bytes arrived");
    }

    /** A cut stream is not kept for a resume, and nothing connects again for it. */
    @Test
    void aCutStreamIsDeletedAndNeverResumed() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(false);
        startSession();
        sendStreamData();
        wire.toReceiver.flush();
        wire.cut();

        FilesAnswer answer = answer(receiving);
        assertThat(answer.streamCut()).isTrue();
        assertThat(answer.resumable()).isFalse();
        assertThat(answer.problem()).startsWith("the stream was cut after " + CONTENT.length
                + " bytes; a stream cannot be resumed (incomplete session: ");
        assertThat(stored()).as("no partial file is left, nor journaled").isEmpty();
        assertThat(store.held().partial()).isNull();
    }

    @Test
    void withStdoutAFlippedByteSaysTheOutputIsNotToBeTrustedAndIsNotFetchedAgain() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(true);
        startSession();
        int crc = sendStreamData();
        wire.toReceiver.write(new Frame.FileEnd(1, crc ^ 1, CONTENT.length));
        endSession(crc ^ 1);

        assertThat(wire.fromReceiver.next()).isInstanceOf(Frame.SessionConfirm.class);
        FilesAnswer answer = answer(receiving);
        assertThat(answer.resumable()).isFalse();
        assertThat(answer.problem()).startsWith("stdin failed verification (CRC32C ")
                .endsWith("; what reached standard output is not to be trusted");
    }

    /** {@code --stdout} takes one file: a second FILE_START fails the session with one line. */
    @Test
    void withStdoutASecondFileFailsTheSession() throws Exception {
        CompletableFuture<Ended<FilesAnswer>> receiving = receive(true);
        startSession();
        int crc = sendStreamData();
        wire.toReceiver.write(new Frame.FileEnd(1, crc, CONTENT.length));
        wire.toReceiver.write(new Frame.FileStart(2, 1, 0, 0, 0644, "second"));

        FilesAnswer answer = answer(receiving);
        assertThat(answer.problem())
                .isEqualTo("--stdout takes a single file, and the sender sends a second one, second, after stdin");
        assertThat(answer.resumable()).isFalse();
    }
}
