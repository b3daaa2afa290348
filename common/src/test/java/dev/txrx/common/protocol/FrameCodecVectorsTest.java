package dev.txrx.common.protocol;

import static dev.txrx.common.protocol.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the test vectors of {@code docs/PROTOCOL.md} against the codec: the writer must produce
 * exactly the documented bytes, the reader must decode them to the documented frame, and invalid
 * input must fail as documented. If the document and the code disagree, this test fails.
 */
class FrameCodecVectorsTest {

    private static final Path DOCUMENT = WireBytes.protocolDocument();

    private static final byte[] EXAMPLE_DIGEST =
            HexFormat.of().parseHex("0a169391fce18756d0c12d85cc9c488fd205357587265f53f0b08ee90e9efd6a");
    private static final byte[] EMPTY_DIGEST =
            HexFormat.of().parseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    private static final java.util.UUID PING_ID = java.util.UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

    /** The frame each valid vector stands for, built from the field values the document gives. */
    private static final Map<String, Frame> FRAMES = Map.ofEntries(
            Map.entry("hello", new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "txrx-test/1")),
            Map.entry("hello-receiver", new Frame.Hello(FrameFormat.VERSION, Role.RECEIVER, "txrx-test/1")),
            Map.entry("hello-session", new Frame.Hello(FrameFormat.VERSION, Role.SENDER, "txrx-test/1", PING_ID)),
            Map.entry("error", new Frame.Error(ErrorCode.BUSY, "busy")),
            Map.entry("request", new Frame.Request(RequestKind.FILES)),
            Map.entry("request-list", new Frame.Request(RequestKind.LIST)),
            Map.entry("request-get", new Frame.Request(RequestKind.GET, List.of("dir", "notes.txt"))),
            Map.entry("request-get-everything", new Frame.Request(RequestKind.GET)),
            Map.entry("request-ping", new Frame.Request(RequestKind.PING)),
            Map.entry("ping", new Frame.Ping(PING_ID, 7, 1_000_000, 4)),
            Map.entry("pong", new Frame.Pong(PING_ID, 7, 1_000_000, 250_000, 4)),
            Map.entry("resume", new Frame.Resume(PING_ID, 2)),
            Map.entry("resume-new", new Frame.Resume(new java.util.UUID(0, 0), 0)),
            Map.entry("have", new Frame.Have(1, 5, 1_700_000_000_000L, 5, 0x9a71bb4c, "dir/hello.txt")),
            Map.entry("have-partial", new Frame.Have(2, 1000, 1_700_000_000_000L, 300, 0x12345678, "big.bin")),
            Map.entry("session-start", new Frame.SessionStart(PING_ID, true, "")),
            Map.entry("text", new Frame.Text("td3kk")),
            Map.entry("stats-request", new Frame.StatsRequest()),
            Map.entry("stats", new Frame.Stats(7, 12)),
            Map.entry("leave", new Frame.Leave()),
            Map.entry("file-start", new Frame.FileStart(1, 5, 0, 1_700_000_000_000L, 0644, "dir/hello.txt")),
            Map.entry("file-data", new Frame.FileData(1, ByteBuffer.wrap(ascii("hello")))),
            Map.entry("file-data-empty", new Frame.FileData(1, ByteBuffer.allocate(0))),
            Map.entry("file-end", new Frame.FileEnd(1, 0x9a71bb4c)),
            Map.entry("directory", new Frame.Directory(1_700_000_000_000L, 0755, "dir")),
            Map.entry("entry-file", new Frame.Entry(false, 5, 1_700_000_000_000L, 0644, "dir/hello.txt")),
            Map.entry("entry-directory", new Frame.Entry(true, 0, 1_700_000_000_000L, 0755, "dir")),
            Map.entry("missing", new Frame.Missing("nope.txt")),
            Map.entry("session-end", new Frame.SessionEnd(SessionStatus.COMPLETE, 1, 5, EXAMPLE_DIGEST, "")),
            Map.entry("session-confirm", new Frame.SessionConfirm(true, 1, 5, EXAMPLE_DIGEST)),
            Map.entry("session-confirm-mismatch", new Frame.SessionConfirm(false, 0, 0, EMPTY_DIGEST)),
            Map.entry("trailing-bytes-ignored", new Frame.Request(RequestKind.FILES)),
            Map.entry("unknown-ignorable-type-skipped", new Frame.Request(RequestKind.FILES)));

    private static final Pattern VECTOR_HEADING = Pattern.compile("(?m)^### Vector: (\\S+)\\s*$");
    private static final Pattern READ_AS = Pattern.compile("(?m)^Read as: (first|later) frame\\s*$");
    private static final Pattern EXPECT = Pattern.compile("(?m)^Expect: (.+?)\\s*$");
    private static final Pattern EXPECT_ERROR = Pattern.compile("error (\\w+) \"(.+)\"");
    private static final Pattern EXPECT_FRAME = Pattern.compile("([A-Z_]+)( \\(decode only\\))?");
    private static final Pattern HEX_BLOCK = Pattern.compile("(?s)```hex\\n(.*?)```");

    /** One vector as the document states it. */
    record Vector(String name, boolean firstFrame, String expect, byte[] bytes) {
        boolean isError() {
            return expect.startsWith("error ");
        }

        boolean isDecodeOnly() {
            return expect.endsWith("(decode only)");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Vector> vectors() throws IOException {
        String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        Matcher heading = VECTOR_HEADING.matcher(document);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (heading.find()) {
            starts.add(heading.end());
            names.add(heading.group(1));
        }
        List<Vector> vectors = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? document.lastIndexOf("###", starts.get(i + 1)) : document.length();
            String section = document.substring(starts.get(i), end);
            vectors.add(new Vector(names.get(i),
                    required(READ_AS, section, names.get(i), "Read as").equals("first"),
                    required(EXPECT, section, names.get(i), "Expect"),
                    hex(required(HEX_BLOCK, section, names.get(i), "```hex block"))));
        }
        return vectors;
    }

    static List<Vector> frameVectors() throws IOException {
        return vectors().stream().filter(v -> !v.isError()).toList();
    }

    static List<Vector> encodableVectors() throws IOException {
        return vectors().stream().filter(v -> !v.isError() && !v.isDecodeOnly()).toList();
    }

    static List<Vector> errorVectors() throws IOException {
        return vectors().stream().filter(Vector::isError).toList();
    }

    @Test
    void documentHasEncodableVectorForEveryFrameType() throws IOException {
        Set<String> covered = encodableVectors().stream()
                .map(v -> FRAMES.get(v.name()).type().name())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(covered).containsExactlyInAnyOrder("HELLO", "ERROR", "REQUEST", "FILE_START", "FILE_DATA",
                "FILE_END", "DIRECTORY", "ENTRY", "MISSING", "PING", "PONG", "TEXT", "STATS_REQUEST", "STATS", "LEAVE", "RESUME", "HAVE", "SESSION_START",
                "SESSION_END",
                "SESSION_CONFIRM");
    }

    @Test
    void documentHasEncodableVectorForEveryRequestKindAndEntryKind() throws IOException {
        List<Frame> encodable = encodableVectors().stream().map(v -> FRAMES.get(v.name())).toList();

        assertThat(encodable).filteredOn(Frame.Request.class::isInstance).map(f -> ((Frame.Request) f).kind())
                .containsAll(List.of(RequestKind.values()));
        assertThat(encodable).filteredOn(f -> f instanceof Frame.Request r && r.names().size() > 1).isNotEmpty();
        assertThat(encodable).filteredOn(Frame.Entry.class::isInstance).map(f -> ((Frame.Entry) f).directory())
                .containsExactlyInAnyOrder(false, true);
    }

    @Test
    void documentHasEveryVectorThisTestKnowsAndNoUnknownOne() throws IOException {
        List<String> documented = frameVectors().stream().map(Vector::name).toList();

        assertThat(documented).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(FRAMES.keySet());
        assertThat(errorVectors()).extracting(Vector::name).doesNotHaveDuplicates()
                .contains("oversize-length", "unknown-critical-type", "truncated-frame", "http-request",
                        "entry-unknown-kind", "request-get-too-many-names");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frameVectors")
    void expectationNamesTheTypeOfTheFrame(Vector vector) {
        Matcher expect = EXPECT_FRAME.matcher(vector.expect());

        assertThat(expect.matches()).as("Expect line of %s: %s", vector, vector.expect()).isTrue();
        assertThat(expect.group(1)).isEqualTo(FRAMES.get(vector.name()).type().name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodableVectors")
    void writerProducesTheDocumentedBytes(Vector vector) throws IOException {
        byte[] written = WireBytes.written(FRAMES.get(vector.name()));

        assertThat(hex(written)).isEqualTo(hex(vector.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frameVectors")
    void readerDecodesTheDocumentedFrame(Vector vector) throws IOException {
        FrameReader reader = WireBytes.reader(vector.bytes());
        List<Frame> frames = new ArrayList<>();
        if (vector.firstFrame()) {
            frames.add(reader.readHello());
        }
        frames.addAll(WireBytes.readToEnd(reader));

        assertThat(frames).containsExactly(FRAMES.get(vector.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorVectors")
    void readerRejectsInvalidInputAsDocumented(Vector vector) {
        Matcher expect = EXPECT_ERROR.matcher(vector.expect());
        if (!expect.matches()) {
            fail("Expect line of %s is not error <Exception> \"<text>\": %s", vector, vector.expect());
        }
        Class<?> type = exceptionType(expect.group(1));

        assertThatThrownBy(() -> {
            FrameReader reader = WireBytes.reader(vector.bytes());
            if (vector.firstFrame()) {
                reader.readHello();
            }
            WireBytes.readToEnd(reader);
        }).isInstanceOf(type).hasMessageContaining(expect.group(2));
    }

    private static Class<?> exceptionType(String simpleName) {
        if (simpleName.equals("EOFException")) {
            return EOFException.class;
        }
        try {
            return Class.forName(ProtocolException.class.getPackageName() + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the document names an exception the code does not have: " + simpleName, e);
        }
    }

    private static String required(Pattern pattern, String section, String vector, String what) {
        Matcher m = pattern.matcher(section);
        if (!m.find()) {
            throw new AssertionError("vector " + vector + " in " + DOCUMENT + " has no " + what);
        }
        return m.group(1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
