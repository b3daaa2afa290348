package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameType;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.receiver.store.ResumeState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile sender announces entries whose names would write outside the output directory, or
 * that no file system should see. The receiver refuses each one before anything is created:
 * it answers with an ERROR, exits 1 naming the entry and what is wrong with it, and leaves
 * nothing outside the output directory and no temporary file inside it.
 */
@Timeout(60)
class UnsafeNamesIT {

    /** What the hostile sender announces, and what the receiver's output must say about it. */
    record Case(String label, Frame frame, byte[] rawFrame, String shownName, String problem, List<String> options) {

        static Case file(String label, String name, String shownName, String problem) {
            return new Case(label, new Frame.FileStart(1, 5, 0, 0, 0644, name), null, shownName, problem, List.of());
        }

        static Case directory(String label, String name, String shownName, String problem) {
            return new Case(label, new Frame.Directory(0, 0755, name), null, shownName, problem, List.of());
        }

        /** The same case with these receiver options added. */
        Case with(String... more) {
            return new Case(label, frame, rawFrame, shownName, problem, List.of(more));
        }

        byte[] bytes() {
            return rawFrame != null ? rawFrame : RawPeer.encode(frame);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    // Placeholder for the absolute path of the test's "outside" directory, which only exists per test.
    private static final String OUTSIDE = "<outside>";
    private static final String DOT_DOT = "it has a '..' segment";
    private static final String THROUGH_LINK = "\"link\" in the output directory is a symbolic link";

    static List<Case> cases() {
        String segment300 = "s".repeat(300);
        String accented300 = "é".repeat(150); // 150 characters, 300 bytes of UTF-8
        return List.of(
                // like /etc/x, but somewhere the test can look afterwards
                Case.file("absolute path", OUTSIDE + "/absolute.txt", OUTSIDE + "/absolute.txt",
                        "it is an absolute path"),
                Case.file("parent segment", "../escape", "../escape", DOT_DOT),
                Case.file("parent segment into an existing sibling", "../sibling/escape", "../sibling/escape", DOT_DOT),
                Case.file("parent segments after a folder", "a/../../escape", "a/../../escape", DOT_DOT),
                Case.file("dot segment", "a/./b", "a/./b", "it has a '.' segment"),
                Case.file("empty segment", "a//b", "a//b", "it has an empty path segment"),
                Case.file("trailing slash", "a/", "a/", "it has an empty path segment"),
                Case.file("backslash", "a\\b", "a\\b", "it contains a backslash"),
                Case.file("drive letter", "C:escape", "C:escape", "it starts with a drive letter"),
                Case.file("NUL", "a\u0000b", "a\\x00b", "it contains control character U+0000"),
                Case.file("escape sequence", "a\u001b[2Jb", "a\\x1b[2Jb", "it contains control character U+001B"),
                // U+009B is CSI, which starts an escape sequence on a terminal just as ESC [ does
                Case.file("C1 control character", "a\u009bb", "a\\x9bb", "it contains control character U+009B"),
                Case.file("300-byte segment", "a/" + segment300, "a/" + "s".repeat(198),
                        "a path segment is longer than 255 bytes"),
                Case.file("300-byte segment of 150 characters", accented300, accented300,
                        "a path segment is longer than 255 bytes"),
                // refused while decoding, before the name is a string: the message gives its length only
                new Case("name of 4097 bytes, refused by the codec", null, fileStartWithName("n".repeat(4097)), "",
                        "FILE_START name is 4097 bytes, more than the limit of " + FrameFormat.MAX_NAME_LENGTH,
                        List.of()),
                Case.file("through a link to outside", "link/x", "link/x", THROUGH_LINK),
                Case.file("deeper through a link to outside", "link/a/b/x", "link/a/b/x", THROUGH_LINK),
                // with --on-exists rename (the default) the file is stored beside the link instead: see below
                Case.file("onto a link to outside, overwriting", "link", "link", THROUGH_LINK)
                        .with("--on-exists", "overwrite"),
                Case.file("onto a link to outside, skipping", "link", "link", THROUGH_LINK).with("--on-exists", "skip"),
                Case.file("onto a link to outside, failing", "link", "link", THROUGH_LINK).with("--on-exists", "fail"),
                Case.directory("directory with a parent segment", "../escape-dir", "../escape-dir", DOT_DOT),
                Case.directory("directory through a link to outside", "link/sub", "link/sub", THROUGH_LINK));
    }

    @TempDir
    Path dir;

    private Path out;
    private Path outside;
    private Path sibling;

    @BeforeEach
    void layout() throws Exception {
        out = Files.createDirectories(dir.resolve("out"));
        outside = Files.createDirectories(dir.resolve("outside"));
        sibling = Files.createDirectories(dir.resolve("sibling"));
        Files.createSymbolicLink(out.resolve("link"), outside);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void receiverRefusesTheNameAndWritesNothing(Case unsafe) throws Exception {
        Case c = unsafe.frame() instanceof Frame.FileStart s && s.name().startsWith(OUTSIDE)
                ? Case.file(unsafe.label(), s.name().replace(OUTSIDE, outside.toString()),
                        unsafe.shownName().replace(OUTSIDE, outside.toString()), unsafe.problem())
                        .with(unsafe.options().toArray(String[]::new))
                : unsafe;
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> args = new ArrayList<>(List.of("--port", String.valueOf(fake.getLocalPort()), "--output-dir",
                    out.toString(), "--no-progress", "--retries", "1", "--idle-timeout", "3s"));
            args.addAll(c.options());
            CompletableFuture<CommandRun> receiver = CompletableFuture.supplyAsync(
                    () -> CommandRun.receiver(args.toArray(String[]::new)));
            Socket accepted = fake.accept();
            try (RawPeer sender = new RawPeer(accepted)) {
                FrameReader fromReceiver = sender.reader();
                sender.helloAs(Role.SENDER);
                assertThat(fromReceiver.readHello().role()).isEqualTo(Role.RECEIVER);
                assertThat(fromReceiver.next()).isEqualTo(new Frame.Request(RequestKind.FILES));
                assertThat(fromReceiver.next()).isInstanceOf(Frame.Resume.class);
                sender.send(new Frame.SessionStart(java.util.UUID.randomUUID(), false, ""));

                sender.send(c.bytes());

                Frame answer = fromReceiver.next();
                assertThat(answer).as("the receiver's answer to %s", c).isInstanceOf(Frame.Error.class);
                assertThat(((Frame.Error) answer).code()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
                assertThat(((Frame.Error) answer).message()).contains(c.problem());
                assertThat(sender.readUntilClosed()).isTrue();
            }
            CommandRun run = receiver.get(20, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out()).contains("NOT verified: protocol error:").contains(c.problem());
            assertThat(run.out() + run.err()).as("a control character from the wire is never printed raw")
                    .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]");
            assertThat(run.out()).contains(c.shownName());
        }
        assertThat(listing(dir)).containsExactlyInAnyOrder("out", "outside", "sibling");
        assertThat(stored(out)).as("nothing stored, no .part left").containsExactly("link");
        assertThat(outside).isEmptyDirectory();
        assertThat(sibling).isEmptyDirectory();
    }

    /**
     * With {@code --on-exists rename} (the default) a file whose name is a link already in the
     * output directory is stored under the next free name beside it; the link is never followed.
     */
    @Test
    void withRenameAFileNamedLikeALinkIsStoredBesideItAndNothingOutsideChanges() throws Exception {
        Path source = Files.createDirectories(dir.resolve("src"));
        Files.writeString(source.resolve("link"), "stored beside the link");
        try (InProcessSender sender = new InProcessSender(InProcessSender.sending(source.resolve("link")))) {
            CommandRun run = CommandRun.receiver("--port", String.valueOf(sender.port()), "--output-dir",
                    out.toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        }
        assertThat(listing(out)).containsExactlyInAnyOrder("link", "link (1)");
        assertThat(Files.isSymbolicLink(out.resolve("link"))).isTrue();
        assertThat(out.resolve("link (1)")).hasContent("stored beside the link");
        assertThat(outside).isEmptyDirectory();
        assertThat(sibling).isEmptyDirectory();
    }

    @Test
    void nameInAMissingAnswerIsNeverPrintedRaw() throws Exception {
        String hostile = "wanted\u001b]0;owned\u0007\u001b[2J";
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<CommandRun> receiver = CompletableFuture.supplyAsync(() -> CommandRun.receiver(
                    "--port", String.valueOf(fake.getLocalPort()), "--output-dir", out.toString(), "--no-progress",
                    "--retries", "1", "--idle-timeout", "3s", "--get", "wanted"));
            Socket accepted = fake.accept();
            try (RawPeer sender = new RawPeer(accepted)) {
                FrameReader fromReceiver = sender.reader();
                sender.helloAs(Role.SENDER);
                fromReceiver.readHello();
                assertThat(fromReceiver.next()).isEqualTo(new Frame.Request(RequestKind.GET, List.of("wanted")));
                assertThat(fromReceiver.next()).isInstanceOf(Frame.Resume.class);

                sender.send(new Frame.SessionStart(java.util.UUID.randomUUID(), false, ""));
                sender.send(new Frame.Missing(hostile));
                sender.send(new Frame.SessionEnd(SessionStatus.COMPLETE, 0, 0, new SessionDigest().digest(), ""));
                sender.readUntilClosed();
            }
            CommandRun run = receiver.get(20, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.FAILED);
            assertThat(run.out() + run.err()).as("a control character from the wire is never printed raw")
                    .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]");
        }
        assertThat(stored(out)).containsExactly("link");
    }

    /**
     * What the output directory holds besides the resume journal, which the receiver keeps from
     * the SESSION_START on, as for any session that did not complete.
     */
    private static List<String> stored(Path directory) throws Exception {
        return listing(directory).stream().filter(name -> !name.equals(ResumeState.DIRECTORY)).toList();
    }

    private static List<String> listing(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
    }

    /** A FILE_START built by hand, for a name that the frame's own constructor refuses. */
    private static byte[] fileStartWithName(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        int payload = 4 + 8 + 8 + 8 + 4 + 2 + utf8.length;
        return ByteBuffer.allocate(FrameFormat.HEADER_LENGTH + payload)
                .putInt(payload).put(FrameType.FILE_START.code())
                .putInt(1).putLong(5).putLong(0).putLong(0).putInt(0644)
                .putShort((short) utf8.length).put(utf8)
                .array();
    }
}
