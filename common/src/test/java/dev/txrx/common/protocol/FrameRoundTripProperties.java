package dev.txrx.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.WireBytes.TrickleChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Any valid frame, written by {@link FrameWriter} and read by {@link FrameReader}, comes back
 * equal, however the bytes are split on the way.
 */
class FrameRoundTripProperties {

    private static final int MAX_DATA = FrameFormat.MAX_DATA_PER_FRAME;

    @Property
    void controlFrameSurvivesWriteAndRead(@ForAll("controlFrames") Frame frame) throws IOException {
        FrameReader reader = WireBytes.reader(WireBytes.written(frame));

        assertThat(reader.next()).isEqualTo(frame);
        assertThat(reader.next()).isNull();
    }

    @Property
    void writerAndCodecProduceTheSameBytes(@ForAll("controlFrames") Frame frame) throws IOException {
        assertThat(WireBytes.written(frame)).isEqualTo(WireBytes.bytes(FrameCodec.encode(frame)));
    }

    @Property
    void codecDecodesWhatItEncodes(@ForAll("controlFrames") Frame frame) throws IOException {
        ByteBuffer encoded = FrameCodec.encode(frame);
        int length = encoded.getInt();
        byte type = encoded.get();

        assertThat(length).isEqualTo(encoded.remaining()).isLessThanOrEqualTo(FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
        assertThat(type).isEqualTo(frame.type().code());
        assertThat(FrameType.of(type).orElseThrow().decode(encoded.slice())).isEqualTo(frame);
    }

    @Property(tries = 300)
    void catalogueAndTreeFramesSurviveWriteAndRead(@ForAll("catalogueFrames") Frame frame) throws IOException {
        FrameReader reader = WireBytes.reader(WireBytes.written(frame));

        assertThat(reader.next()).isEqualTo(frame);
        assertThat(reader.next()).isNull();
    }

    @Example
    void largestRequestGetFillsTheControlPayloadAndSurvives() throws IOException {
        Frame.Request request = largestRequestGet();

        byte[] written = WireBytes.written(request);

        assertThat(written).hasSize(FrameFormat.HEADER_LENGTH + FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
        assertThat(WireBytes.readToEnd(WireBytes.reader(written))).containsExactly(request);
    }

    @Property(tries = 200)
    void helloSurvivesAsFirstFrame(@ForAll("hellos") Frame.Hello hello) throws IOException {
        assertThat(WireBytes.reader(WireBytes.written(hello)).readHello()).isEqualTo(hello);
    }

    @Property
    void fileDataOfArbitraryBytesSurvivesWriteAndRead(@ForAll("fileIds") long id,
                                                      @ForAll @Size(max = 5000) byte[] data) throws IOException {
        Frame.FileData frame = new Frame.FileData(id, ByteBuffer.wrap(data));

        List<Frame> read = WireBytes.readToEnd(WireBytes.reader(WireBytes.written(frame)));

        assertThat(read).containsExactly(frame);
    }

    @Property(tries = 40)
    void fileDataOfAnyLengthSurvivesWriteAndRead(@ForAll("fileIds") long id, @ForAll("dataLengths") int length,
                                                 @ForAll long seed) throws IOException {
        byte[] data = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            data[i] = (byte) random.nextInt();
        }
        Frame.FileData frame = new Frame.FileData(id, ByteBuffer.wrap(data));

        List<Frame> read = WireBytes.readToEnd(WireBytes.reader(WireBytes.written(frame)));

        assertThat(read).containsExactly(frame);
    }

    @Property(tries = 300)
    void frameSequenceSurvivesAnySplitIntoReads(@ForAll("frameSequences") List<Frame> frames,
                                                @ForAll @IntRange(min = 1, max = 300) int maxBytesPerRead)
            throws IOException {
        byte[] wire = WireBytes.written(frames);
        FrameReader reader = new FrameReader(new TrickleChannel(wire, maxBytesPerRead), FrameReader.MIN_BUFFER_SIZE);

        List<Frame> read = WireBytes.readToEnd(reader);

        assertThat(read).isEqualTo(WireBytes.joinFileData(frames));
        assertThat(reader.bytesRead()).isEqualTo(wire.length);
    }

    @Example
    void arbitrariesCoverEveryFrameType() {
        Set<FrameType> covered = EnumSet.noneOf(FrameType.class);
        Arbitraries.oneOf(controlFrames(), fileData()).sampleStream().limit(3000).map(Frame::type)
                .forEach(covered::add);

        assertThat(covered).containsExactlyInAnyOrder(FrameType.values());
    }

    @Provide
    Arbitrary<Frame> controlFrames() {
        return Arbitraries.oneOf(List.of(hellos(), errors(), requests(), fileStarts(), fileEnds(), directories(),
                entries(), missings(), resumes(), haves(), copies(), upToDates(), sessionStarts(), pings(), pongs(), sessionEnds(),
                sessionConfirms(), leaves(), statsRequests(), stats(), textFrames()));
    }

    /** The frames of catalogues and trees: REQUEST with every kind, DIRECTORY, ENTRY and MISSING. */
    @Provide
    Arbitrary<Frame> catalogueFrames() {
        return Arbitraries.oneOf(requests(), directories(), entries(), missings());
    }

    @Provide
    Arbitrary<List<Frame>> frameSequences() {
        return Arbitraries.oneOf(controlFrames(), fileData()).list().ofMaxSize(12);
    }

    /** FILE_DATA of up to 2,000 bytes. */
    private Arbitrary<Frame> fileData() {
        return Combinators.combine(fileIds(), Arbitraries.bytes().array(byte[].class).ofMaxSize(2000))
                .as((id, data) -> new Frame.FileData(id, ByteBuffer.wrap(data)));
    }

    @Provide
    Arbitrary<Frame.Hello> hellos() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.of(Role.class), texts())
                .as(Frame.Hello::new);
    }

    @Provide
    Arbitrary<Long> fileIds() {
        return Arbitraries.longs().between(0, 0xffff_ffffL);
    }

    @Provide
    Arbitrary<Integer> dataLengths() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 70_000)),
                Tuple.of(1, Arbitraries.integers().between(MAX_DATA - 2, MAX_DATA + 2)),
                Tuple.of(1, Arbitraries.integers().between(0, 3 * MAX_DATA)));
    }

    private Arbitrary<Frame> errors() {
        return Combinators.combine(Arbitraries.of(ErrorCode.class), texts()).as(Frame.Error::new);
    }

    /**
     * FILES, LIST and GET without names; GET with a few names of any length; GET with up to the
     * most names, short enough that the payload fits; and the largest GET there is.
     */
    private Arbitrary<Frame> requests() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(RequestKind.class).map(Frame.Request::new)),
                Tuple.of(4, names().list().ofMinSize(1).ofMaxSize(8)
                        .map(names -> new Frame.Request(RequestKind.GET, names))),
                // 1,024 names of at most 15 code points (60 bytes) take at most 63,491 bytes
                Tuple.of(1, unicode(1, 15).list().ofMinSize(1).ofMaxSize(FrameFormat.MAX_REQUESTED_NAMES)
                        .map(names -> new Frame.Request(RequestKind.GET, names))),
                Tuple.of(1, Arbitraries.just(largestRequestGet())),
                // version 3: excludes after FILES, LIST or GET
                Tuple.of(2, Combinators.combine(Arbitraries.of(RequestKind.FILES, RequestKind.LIST, RequestKind.GET),
                        patterns().list().ofMinSize(1).ofMaxSize(5))
                        .as((kind, patterns) -> new Frame.Request(kind, List.of(), patterns))));
    }

    /** Exclude patterns: letters, digits, dots, slashes and stars, valid whatever their order. */
    private Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab1.*/?").ofMinLength(1).ofMaxLength(20);
    }

    /**
     * A GET with the most names whose payload is exactly the control-frame limit: a kind byte,
     * a count and 1,024 strings of 61 or 62 bytes.
     */
    private static Frame.Request largestRequestGet() {
        int nameBytes = FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH - 1 - 2 - 2 * FrameFormat.MAX_REQUESTED_NAMES;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FrameFormat.MAX_REQUESTED_NAMES; i++) {
            int length = nameBytes / FrameFormat.MAX_REQUESTED_NAMES
                    + (i < nameBytes % FrameFormat.MAX_REQUESTED_NAMES ? 1 : 0);
            names.add(String.format("%0" + length + "d", i));
        }
        return new Frame.Request(RequestKind.GET, names);
    }

    private Arbitrary<Frame> directories() {
        return Combinators.combine(Arbitraries.longs(), modes(), names()).as(Frame.Directory::new);
    }

    private Arbitrary<Frame> entries() {
        return Combinators.combine(Arbitraries.of(false, true), totals(), Arbitraries.longs(), modes(), names())
                .as(Frame.Entry::new);
    }

    private Arbitrary<Frame> missings() {
        return names().map(Frame.Missing::new);
    }

    private Arbitrary<Frame> fileStarts() {
        Arbitrary<long[]> sizeAndOffset = Arbitraries.longs().between(0, Long.MAX_VALUE)
                .flatMap(size -> Arbitraries.longs().between(0, size).map(offset -> new long[] {size, offset}));
        // version 3: a stream of unknown size, from its first byte
        Arbitrary<long[]> unknown = Arbitraries.just(new long[] {Frame.FileStart.UNKNOWN_SIZE, 0});
        return Combinators.combine(fileIds(), Arbitraries.frequencyOf(Tuple.of(5, sizeAndOffset), Tuple.of(1, unknown)),
                        Arbitraries.longs(), modes(), names())
                .as((id, so, mtime, mode, name) -> new Frame.FileStart(id, so[0], so[1], mtime, mode, name));
    }

    /** FILE_END without its size, or (version 3) with it. */
    private Arbitrary<Frame> fileEnds() {
        return Combinators.combine(fileIds(), Arbitraries.integers(),
                        Arbitraries.oneOf(Arbitraries.just(Frame.FileEnd.NO_SIZE), totals()))
                .as(Frame.FileEnd::new);
    }

    /** RESUME as version 2 sends it, and with version 3's copies and flags. */
    private Arbitrary<Frame> resumes() {
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xffff_ffffL);
        return Combinators.combine(uuids(), u32, u32, Arbitraries.integers().between(0, 0xff)).as(Frame.Resume::new);
    }

    private Arbitrary<Frame> copies() {
        return Combinators.combine(totals(), Arbitraries.longs(), Arbitraries.of(false, true), Arbitraries.integers(),
                names()).as(Frame.Copy::new);
    }

    private Arbitrary<Frame> upToDates() {
        return Combinators.combine(fileIds(), totals(), Arbitraries.integers(), names()).as(Frame.UpToDate::new);
    }

    /** HAVE of a file held whole or in part: {@code held} from 0 to {@code size}. */
    private Arbitrary<Frame> haves() {
        Arbitrary<long[]> sizeAndHeld = totals()
                .flatMap(size -> Arbitraries.oneOf(Arbitraries.just(size), Arbitraries.longs().between(0, size))
                        .map(held -> new long[] {size, held}));
        return Combinators.combine(fileIds(), sizeAndHeld, Arbitraries.longs(), Arbitraries.integers(), names())
                .as((id, sh, mtime, crc, name) -> new Frame.Have(id, sh[0], mtime, sh[1], crc, name));
    }

    private Arbitrary<Frame> sessionStarts() {
        return Combinators.combine(uuids(), Arbitraries.of(false, true), texts()).as(Frame.SessionStart::new);
    }

    private Arbitrary<Frame> pings() {
        return Combinators.combine(uuids(), totals(), Arbitraries.longs(), paddings()).as(Frame.Ping::new);
    }

    private Arbitrary<Frame> pongs() {
        return Combinators.combine(uuids(), totals(), Arbitraries.longs(), Arbitraries.longs(), paddings())
                .as(Frame.Pong::new);
    }

    private Arbitrary<Frame> leaves() {
        return Arbitraries.just(new Frame.Leave());
    }

    private Arbitrary<Frame> statsRequests() {
        return Arbitraries.just(new Frame.StatsRequest());
    }

    /** STATS whose count since the last is at most the total. */
    private Arbitrary<Frame> stats() {
        return totals().flatMap(total -> Arbitraries.longs().between(0, total)
                .map(sinceLast -> new Frame.Stats(sinceLast, total)));
    }

    private Arbitrary<Frame> textFrames() {
        return texts().map(Frame.Text::new);
    }

    private Arbitrary<Frame> sessionEnds() {
        return Combinators.combine(Arbitraries.of(SessionStatus.class), totals(), totals(), digests(), texts())
                .as(Frame.SessionEnd::new);
    }

    private Arbitrary<Frame> sessionConfirms() {
        return Combinators.combine(Arbitraries.of(true, false), totals(), totals(), digests())
                .as(Frame.SessionConfirm::new);
    }

    /** POSIX modes as the wire allows them: a {@code u32} below 2^31. */
    private static Arbitrary<Integer> modes() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    private static Arbitrary<Long> totals() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    private static Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    /** PING and PONG padding: mostly short, sometimes the most there may be. */
    private static Arbitrary<Integer> paddings() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 100)),
                Tuple.of(1, Arbitraries.integers().between(0, Frame.Ping.MAX_PADDING)),
                Tuple.of(1, Arbitraries.just(Frame.Ping.MAX_PADDING)));
    }

    private static Arbitrary<byte[]> digests() {
        return Arbitraries.bytes().array(byte[].class).ofSize(FrameFormat.DIGEST_LENGTH);
    }

    /** Texts of at most {@link FrameFormat#MAX_TEXT_LENGTH} bytes, including the longest. */
    private static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, unicode(0, FrameFormat.MAX_TEXT_LENGTH / 4)),
                Tuple.of(1, Arbitraries.just("x".repeat(FrameFormat.MAX_TEXT_LENGTH))),
                Tuple.of(1, Arbitraries.just("\u20ac".repeat(FrameFormat.MAX_TEXT_LENGTH / 3))));
    }

    /** Names of 1 to {@link FrameFormat#MAX_NAME_LENGTH} bytes, including the longest. */
    private static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, unicode(1, FrameFormat.MAX_NAME_LENGTH / 4)),
                Tuple.of(1, Arbitraries.just("n".repeat(FrameFormat.MAX_NAME_LENGTH))),
                Tuple.of(1, Arbitraries.just("\ud83d\ude00".repeat(FrameFormat.MAX_NAME_LENGTH / 4))));
    }

    /**
     * Strings of well-formed Unicode (no unpaired surrogates) with up to {@code maxCodePoints}
     * code points, drawn from every UTF-8 length; so at most 4 bytes per code point.
     */
    private static Arbitrary<String> unicode(int minCodePoints, int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 0x7f)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7ff)),
                Tuple.of(2, Arbitraries.integers().between(0x800, 0xffff)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return codePoint.list().ofMinSize(minCodePoints).ofMaxSize(maxCodePoints).map(points -> {
            int[] array = points.stream().mapToInt(Integer::intValue).toArray();
            return new String(array, 0, array.length);
        });
    }
}
