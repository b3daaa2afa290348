package dev.txrx.common.protocol;

import static dev.txrx.common.protocol.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the test vectors of {@code docs/PROTOCOL.md} against the codec. Each valid vector's
 * frame is built from the field table the document gives beside its bytes ({@link VectorFrames}):
 * the reader must decode the bytes to exactly that frame, and the writer must encode that frame to
 * exactly those bytes. Invalid input must fail as documented. Both the bytes and the values come
 * from the document, so if the document and the code disagree, this test fails.
 */
class FrameCodecVectorsTest {

    private static final Path DOCUMENT = WireBytes.protocolDocument();

    private static final Pattern VECTOR_HEADING = Pattern.compile("(?m)^### Vector: (\\S+)\\s*$");
    private static final Pattern READ_AS = Pattern.compile("(?m)^Read as: (first|later) frame\\s*$");
    private static final Pattern EXPECT = Pattern.compile("(?m)^Expect: (.+?)\\s*$");
    private static final Pattern EXPECT_ERROR = Pattern.compile("error (\\w+) \"(.+)\"");
    private static final Pattern EXPECT_FRAME = Pattern.compile("([A-Z_]+)( \\(decode only\\))?");
    private static final Pattern HEX_BLOCK = Pattern.compile("(?s)```hex\\n(.*?)```");

    /** One vector as the document states it: its bytes, what they must read as, and its field table. */
    record Vector(String name, boolean firstFrame, String expect, byte[] bytes, VectorFields fields) {
        boolean isError() {
            return expect.startsWith("error ");
        }

        boolean isDecodeOnly() {
            return expect.endsWith("(decode only)");
        }

        /** The frame the field table describes, of the type the Expect line names. */
        Frame frame() {
            Matcher expected = EXPECT_FRAME.matcher(expect);
            if (!expected.matches()) {
                throw new AssertionError("Expect line of " + name + " names no frame type: " + expect);
            }
            return VectorFrames.build(FrameType.valueOf(expected.group(1)), fields);
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
                    hex(required(HEX_BLOCK, section, names.get(i), "```hex block")),
                    VectorFields.in(names.get(i), section)));
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
                .map(v -> v.frame().type().name())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(VectorFrames.coversEveryType()).isTrue();
        assertThat(covered).containsExactlyInAnyOrder(Arrays.stream(FrameType.values()).map(Enum::name)
                .toArray(String[]::new));
    }

    @Test
    void documentHasEncodableVectorForEveryRequestKindAndEntryKind() throws IOException {
        List<Frame> encodable = encodableVectors().stream().map(Vector::frame).toList();

        assertThat(encodable).filteredOn(Frame.Request.class::isInstance).map(f -> ((Frame.Request) f).kind())
                .containsAll(List.of(RequestKind.values()));
        assertThat(encodable).filteredOn(f -> f instanceof Frame.Request r && r.names().size() > 1).isNotEmpty();
        assertThat(encodable).filteredOn(Frame.Entry.class::isInstance).map(f -> ((Frame.Entry) f).directory())
                .containsExactlyInAnyOrder(false, true);
    }

    @Test
    void vectorNamesAreUniqueAndTheErrorVectorsCoverTheEdges() throws IOException {
        assertThat(vectors()).extracting(Vector::name).doesNotHaveDuplicates();
        assertThat(errorVectors()).extracting(Vector::name)
                .contains("oversize-length", "unknown-critical-type", "truncated-frame", "http-request",
                        "entry-unknown-kind", "request-get-too-many-names", "have-held-beyond-size");
    }

    /** The bytes of an error vector are the point; a field table beside them would be read by nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("errorVectors")
    void errorVectorsGiveNoFieldTable(Vector vector) {
        vector.fields().requireAllRead();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodableVectors")
    void writerProducesTheDocumentedBytes(Vector vector) throws IOException {
        byte[] written = WireBytes.written(vector.frame());

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

        assertThat(frames).containsExactly(vector.frame());
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
}
