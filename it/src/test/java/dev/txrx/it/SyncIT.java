package dev.txrx.it;

import static dev.txrx.it.SourceFiles.file;
import static dev.txrx.it.SourceFiles.random;
import static dev.txrx.it.SourceFiles.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.transport.Acceptor;
import dev.txrx.common.transport.RetryPolicy;
import dev.txrx.common.transport.Security;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.conversation.FilesAnswer;
import dev.txrx.receiver.conversation.FilesResult;
import dev.txrx.receiver.conversation.ReceiverSettings;
import dev.txrx.receiver.conversation.Uploads;
import dev.txrx.receiver.store.DiskThreads;
import dev.txrx.receiver.store.OnExists;
import dev.txrx.receiver.store.StoreSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receiving a tree the output directory already holds (protocol version 3's COPY and
 * UP_TO_DATE): what is the same does not travel, measured on the wire, in clear, as the bytes of
 * FILE_DATA that a recording proxy saw. One sender serves every receive of a test.
 */
@Timeout(120)
class SyncIT {

    private static final int FILES = 1000;

    @TempDir
    Path dir;

    /**
     * The output directory starts as a copy of the tree with the same times, as a first receive
     * leaves it (the other tests receive first, over the wire): one thousand files are compared.
     */
    @Test
    void aSecondReceiveOfAnUnchangedTreeSendsNoContentAndOneChangedFileOfAThousandIsAllThatTravels() throws Exception {
        Path tree = dir.resolve("src/tree");
        Path received = dir.resolve("received");
        long total = 0;
        for (int i = 0; i < FILES; i++) {
            String name = "d" + i / 100 + "/f" + i + ".bin";
            byte[] content = random(i, 100 + i % 50);
            file(tree.resolve(name), content, "rw-r--r--", time(i % 100 + 1));
            file(received.resolve("tree").resolve(name), content, "rw-r--r--", time(i % 100 + 1));
            total += content.length;
        }
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(tree), Security.PLAIN)) {
            Receive again = receive(sender, received);
            assertThat(again.wire().fileDataBytes()).as("an unchanged tree sends no content").isZero();
            assertThat(again.wire().upToDate()).isEqualTo(FILES);
            assertThat(again.run().out()).contains("received 1000 files, " + total + " bytes")
                    .contains("compared 1000 copies: 1000 files up to date, 0 sent (0 bytes)")
                    .contains("verified: every file passed CRC32C, totals and digest match the sender");

            byte[] changed = random(-1, 120);
            file(tree.resolve("d4/f417.bin"), changed, "rw-r--r--", time(7));
            Receive oneChanged = receive(sender, received, "--on-exists", "overwrite");
            assertThat(oneChanged.wire().fileDataBytes()).as("one changed file of 1000 travels").isEqualTo(changed.length);
            assertThat(oneChanged.wire().fileStarts()).isEqualTo(1);
            assertThat(oneChanged.run().out()).contains("999 files up to date, 1 sent (120 bytes)");
            sender.awaitOutcomes(2);
            assertThat(sender.outcomes.get(1).compared().upToDate()).isEqualTo(FILES - 1);
        }
        ResumeIT.assertSameTree(tree, received.resolve("tree"));
        try (var names = Files.walk(received)) {
            assertThat(names.filter(Files::isRegularFile).count()).as("no copy stored twice").isEqualTo(FILES);
        }
    }

    /**
     * Size and time (the default) miss a same-size, same-time change, and send a file whose time
     * alone was touched; {@code --checksum} does the opposite. The dry runs show it and store
     * nothing; the receive with {@code --checksum} sends the one file whose content differs.
     */
    @Test
    void checksumComparesContentWhereTimesMisleadAndADryRunStoresNothing() throws Exception {
        Path tree = dir.resolve("src/tree");
        file(tree.resolve("touched.txt"), "same content\n".getBytes(), "rw-r--r--", time(1));
        file(tree.resolve("edited.bin"), random(2, 5000), "rw-r--r--", time(2));
        Path received = dir.resolve("received");
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(tree), Security.PLAIN)) {
            assertThat(receive(sender, received).run().exitCode()).isEqualTo(ExitCode.OK);
            Path touched = received.resolve("tree/touched.txt");
            Files.setLastModifiedTime(touched, FileTime.from(time(50)));
            Path edited = received.resolve("tree/edited.bin");
            FileTime editedTime = Files.getLastModifiedTime(edited);
            Files.write(edited, random(3, 5000));
            Files.setLastModifiedTime(edited, editedTime);
            TreeSnapshot before = TreeSnapshot.contentsOf(received);

            Receive quick = receive(sender, received, "--dry-run");
            assertThat(quick.run().exitCode()).as(quick.run().out() + quick.run().err()).isEqualTo(ExitCode.OK);
            assertThat(quick.run().out()).contains("would fetch tree/touched.txt (13 B)")
                    .contains("up to date tree/edited.bin")
                    .contains("dry run: 1 file would be fetched (13 bytes), 1 up to date");
            Receive byContent = receive(sender, received, "--dry-run", "--checksum");
            assertThat(byContent.run().out()).contains("up to date tree/touched.txt")
                    .contains("would fetch tree/edited.bin (4.88 KiB)");
            assertThat(quick.wire().fileDataBytes() + byContent.wire().fileDataBytes()).isZero();
            assertThat(TreeSnapshot.contentsOf(received).entries()).as("a dry run stores nothing")
                    .containsExactlyEntriesOf(before.entries());

            Receive fetched = receive(sender, received, "--checksum", "--on-exists", "overwrite");
            assertThat(fetched.run().exitCode()).as(fetched.run().out() + fetched.run().err()).isEqualTo(ExitCode.OK);
            assertThat(fetched.wire().fileDataBytes()).isEqualTo(5000);
            assertThat(fetched.run().out()).contains("compared 2 copies: 1 file up to date, 1 sent (5000 bytes, 4.88 KiB)");
        }
        assertThat(Files.readAllBytes(received.resolve("tree/edited.bin"))).isEqualTo(random(2, 5000));
        assertThat(Files.getLastModifiedTime(received.resolve("tree/touched.txt"))).isEqualTo(FileTime.from(time(50)));
    }

    /** {@code sender --connect} twice into a listening receiver: the second upload sends no content. */
    @Test
    void anUploadOfAnUnchangedTreeSendsNothingTheSecondTime() throws Exception {
        Path tree = dir.resolve("src/up");
        file(tree.resolve("a.txt"), "upload\n".getBytes(), "rw-r--r--", time(1));
        file(tree.resolve("sub/b.bin"), random(4, 70_000), "rw-r--r--", time(2));
        Path received = dir.resolve("received");
        ReceiverSettings settings = new ReceiverSettings("127.0.0.1", 0, new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), new Frame.Request(RequestKind.FILES),
                new StoreSettings(received, false, OnExists.RENAME, false));
        BlockingQueue<FilesAnswer> ended = new LinkedBlockingQueue<>();
        try (StallWatchdog watchdog = new StallWatchdog(); DiskThreads threads = new DiskThreads();
             Acceptor acceptor = Uploads.listen("127.0.0.1", settings, 4, watchdog)) {
            Thread serving = new Thread(() -> {
                try {
                    acceptor.serve(new Uploads(settings, threads, peer -> new Uploads.Upload(TransferEvents.NONE, ended::add)));
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, "sync-uploads");
            serving.setDaemon(true);
            serving.start();
            long[] sent = new long[2];
            for (int i = 0; i < 2; i++) {
                try (RecordingProxy proxy = new RecordingProxy(acceptor.address().getPort())) {
                    CommandRun run = CommandRun.sender("--plain", "--connect", "127.0.0.1:" + proxy.port(), "--send",
                            tree.toString(), "--no-progress", "--no-log-file");
                    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
                    FilesAnswer answer = ended.poll(30, TimeUnit.SECONDS);
                    assertThat(answer).isNotNull();
                    assertThat(answer.verified()).as(String.valueOf(answer.problem())).isTrue();
                    sent[i] = FileDataCount.of(proxy.upstream()).fileDataBytes();
                    if (i == 1) {
                        assertThat(run.out()).contains("compared 2 copies: 2 files up to date, 0 sent (0 bytes)");
                        assertThat(((FilesResult) answer).compared().upToDate()).isEqualTo(2);
                    }
                }
            }
            assertThat(sent[0]).isEqualTo(70_007);
            assertThat(sent[1]).as("the second upload sends no content").isZero();
        }
        try (var names = Files.walk(received)) {
            assertThat(names.filter(Files::isRegularFile).map(received::relativize).map(Path::toString))
                    .containsExactlyInAnyOrder("up/a.txt", "up/sub/b.bin");
        }
    }

    /** One receive through a recording proxy, and what the sender sent on the wire. */
    private record Receive(CommandRun run, FileDataCount wire) {
    }

    private static Receive receive(InProcessSender sender, Path received, String... options) throws Exception {
        try (RecordingProxy proxy = new RecordingProxy(sender.port())) {
            List<String> args = new ArrayList<>(List.of("--plain", "--port", String.valueOf(proxy.port()),
                    "--output-dir", received.toString(), "--no-progress", "--no-fsync", "--no-log-file"));
            args.addAll(List.of(options));
            CommandRun run = CommandRun.receiver(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            proxy.close();
            return new Receive(run, FileDataCount.of(proxy.downstream()));
        }
    }
}
