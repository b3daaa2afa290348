package dev.txrx.receiver.conversation;

import dev.txrx.common.transport.ConnectionSettings;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.txrx.common.io.FileChecksums;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.transport.Ended;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.Threads;
import dev.txrx.receiver.store.DiskThreads;
import dev.txrx.receiver.store.OnExists;
import dev.txrx.receiver.store.ResumeState;
import dev.txrx.receiver.store.Store;
import dev.txrx.receiver.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of a whole receiving session (Jazzer): the bytes of a sender, mutated
 * from recordings of real sessions, go through a loopback connection into a {@link PeerConnection}
 * running the receiver's {@link FilesConversation}, with a {@link Store} in a fresh temporary
 * directory. Whatever the bytes, the connection ends with the conversation's own result, within
 * the timeouts, touching nothing outside the temporary directory, and every file under its final
 * name is one that verified, with the content that verified.
 *
 * <p>The seeds in {@code src/test/resources/dev/txrx/receiver/conversation/FilesConversationFuzzTestInputs/}
 * are the sender-to-receiver bytes of real sessions recorded through a proxy (see
 * {@code bench/README.md}): generated files, a small tree with an empty file and directory, and
 * both connections of a resumed session. The normal build runs them as a regression test; with
 * {@code JAZZER_FUZZ=1} the test fuzzes.
 */
class FilesConversationFuzzTest {

    /** The sender's address, as a real one would be named in messages and the journal. */
    private static final String PEER = "127.0.0.1:47474";
    /** Past the largest seed, so that mutations can grow it a little; larger inputs only slow fuzzing. */
    private static final int MAX_INPUT = 512 * 1024;
    /**
     * Every read ends at the end of the input (the feeder closes its side), so a run that meets
     * a timeout waited for something other than the peer: a hang, which fails the run.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ConnectionSettings SETTINGS = new ConnectionSettings(Role.RECEIVER,
            "txrx-fuzz", TIMEOUT, TIMEOUT, FrameReader.DEFAULT_BUFFER_SIZE, false);

    // Shared by every input of the run, as one receiver's would be; the JVM's end stops their daemon threads.
    private static final DiskThreads DISK = new DiskThreads();
    private static final StallWatchdog WATCHDOG = new StallWatchdog();
    private static final ServerSocketChannel LISTENER = listener();

    @FuzzTest(maxDuration = "30s")
    void receivesAnySessionSafely(byte[] input) throws Exception {
        if (input.length > MAX_INPUT) {
            return;
        }
        Path root = Files.createTempDirectory("txrx-fuzz-session");
        Path received = root.resolve("received");
        try {
            List<ResumeState.Verified> verified;
            Ended<FilesAnswer> ended;
            try (SocketChannel senderSide = SocketChannel.open(LISTENER.getLocalAddress());
                 SocketChannel receiverSide = LISTENER.accept()) {
                Thread feeder = Threads.daemon("fuzz-sender", () -> feed(senderSide, input));
                feeder.start();
                try (Store store = Store.forSession(new StoreSettings(received, false, OnExists.RENAME, false), PEER,
                        "FILES ", DISK)) {
                    ended = new PeerConnection(receiverSide, PEER, SETTINGS, WATCHDOG).run(new FilesConversation(
                            new Frame.Request(RequestKind.FILES), PEER, store, dev.txrx.common.report.TransferEvents.NONE, null, 0));
                    verified = store.verified();
                }
                senderSide.close(); // ends the feeder's write or drain, if the receiver stopped reading first
                feeder.join(TIMEOUT.toMillis());
                assertThat(feeder.isAlive()).as("the feeder ended").isFalse();
            }
            assertEndedByItsOwnResult(ended);
            assertNothingOutside(root, received);
            assertOnlyVerifiedFilesUnderFinalNames(received, verified);
        } finally {
            deleteTree(root);
        }
    }

    private static void assertEndedByItsOwnResult(Ended<FilesAnswer> ended) {
        assertThat(ended.result()).as("the conversation's result").isNotNull();
        if (ended.failure() instanceof Failure.InternalError internal) {
            throw new AssertionError("an exception escaped the conversation", internal.cause());
        }
        if (ended.failure() instanceof Failure.ConnectionLost lost) {
            assertThat(lost.how()).as("a run whose every read ends at the input's end timed out: %s", lost.reason())
                    .isNotEqualTo(Failure.ConnectionLost.How.TIMED_OUT);
        }
    }

    /** The temporary directory holds the output directory and nothing else: no name escaped it. */
    private static void assertNothingOutside(Path root, Path received) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries.toList()).as("entries beside the output directory").allMatch(received::equals);
        }
    }

    /** Each file under a final name (not hidden, not resume state) has the size and CRC32C of a verified file. */
    private static void assertOnlyVerifiedFilesUnderFinalNames(Path received, List<ResumeState.Verified> verified)
            throws IOException {
        if (!Files.isDirectory(received)) {
            return;
        }
        List<Path> finalFiles;
        try (Stream<Path> files = Files.walk(received)) {
            finalFiles = files.filter(Files::isRegularFile)
                    .filter(file -> !received.relativize(file).startsWith(ResumeState.DIRECTORY))
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .toList();
        }
        for (Path file : finalFiles) {
            long size = Files.size(file);
            int crc;
            try (FileChannel channel = FileChannel.open(file)) {
                crc = FileChecksums.crc32c(channel, size);
            }
            assertThat(verified).as("a verified file with the size and CRC32C of %s", received.relativize(file))
                    .anyMatch(v -> v.size() == size && v.crc32c() == crc);
        }
    }

    /** The sender's side: the input, then the end of its stream; then whatever the receiver says, unread. */
    private static void feed(SocketChannel socket, byte[] input) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(input);
            while (bytes.hasRemaining()) {
                socket.write(bytes);
            }
            socket.shutdownOutput();
            ByteBuffer sink = ByteBuffer.allocate(8192);
            while (socket.read(sink.clear()) >= 0) {
                // the receiver's REQUEST, RESUME and answers: not what is under test
            }
        } catch (IOException receiverClosedFirst) {
            // the receiver may end the connection before it has read everything
        }
    }

    private static ServerSocketChannel listener() {
        try {
            return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
