package dev.txrx.common.protocol;

import static dev.txrx.common.protocol.WireBytes.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.WireBytes.TrickleChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each frame type's facts, against the specification, and the rule for codes nobody knows. */
class FrameTypeTest {

    private static final Pattern TYPE_ROW = Pattern.compile("(?m)^\\| 0x([0-9a-fA-F]{2}) \\| ([A-Z_]+) +\\|");

    /** The smallest payload of each type as section 3 gives it (fixed fields, strings empty). */
    private static final Map<FrameType, Integer> MIN_PAYLOADS = Map.ofEntries(
            Map.entry(FrameType.HELLO, 10), Map.entry(FrameType.ERROR, 4), Map.entry(FrameType.REQUEST, 1),
            Map.entry(FrameType.FILE_START, 34), Map.entry(FrameType.FILE_DATA, 4), Map.entry(FrameType.FILE_END, 8),
            Map.entry(FrameType.DIRECTORY, 14), Map.entry(FrameType.ENTRY, 23), Map.entry(FrameType.MISSING, 2),
            Map.entry(FrameType.RESUME, 20), Map.entry(FrameType.HAVE, 34), Map.entry(FrameType.SESSION_START, 19),
            Map.entry(FrameType.PING, 32), Map.entry(FrameType.PONG, 40), Map.entry(FrameType.SESSION_END, 51),
            Map.entry(FrameType.SESSION_CONFIRM, 49), Map.entry(FrameType.LEAVE, 0),
            Map.entry(FrameType.COPY, 23), Map.entry(FrameType.UP_TO_DATE, 18),
            Map.entry(FrameType.STATS_REQUEST, 0), Map.entry(FrameType.STATS, 16), Map.entry(FrameType.TEXT, 2));

    @ParameterizedTest
    @EnumSource(FrameType.class)
    void everyTypeRoundTripsThroughItsCode(FrameType type) {
        assertThat(FrameType.of(type.code())).contains(type);
        assertThat(FrameType.nameOf(type.code())).isEqualTo(type.name()).isEqualTo(type.toString());
    }

    @Test
    void codesAndNamesAreThoseOfTheSpecification() throws IOException {
        String document = Files.readString(WireBytes.protocolDocument(), StandardCharsets.UTF_8);
        String frameTypes = document.substring(document.indexOf("## 4. Frame types"), document.indexOf("### HELLO"));
        Map<String, Byte> documented = new LinkedHashMap<>();
        for (Matcher row = TYPE_ROW.matcher(frameTypes); row.find(); ) {
            documented.put(row.group(2), (byte) Integer.parseInt(row.group(1), 16));
        }

        Map<String, Byte> ours = Arrays.stream(FrameType.values())
                .collect(Collectors.toMap(FrameType::name, FrameType::code));

        assertThat(ours).hasSize(22).isEqualTo(documented);
    }

    @Test
    void unknownCodesAreIgnorableExactlyWhenTheirTopBitIsSet() {
        for (int unsigned = 0; unsigned < 256; unsigned++) {
            byte code = (byte) unsigned;
            if (FrameType.of(code).isPresent()) {
                continue;
            }
            String name = String.format("0x%02x", unsigned);
            assertThat(FrameType.nameOf(code)).isEqualTo(name);
            if (unsigned >= 0x80) {
                assertThat(FrameType.isIgnorable(code)).as(name).isTrue();
                assertThatCode(() -> FrameType.requireSkippable(code, 3)).as(name).doesNotThrowAnyException();
            } else {
                assertThat(FrameType.isIgnorable(code)).as(name).isFalse();
                assertThatThrownBy(() -> FrameType.requireSkippable(code, 3)).as(name)
                        .isInstanceOf(ProtocolException.class)
                        .hasMessage("unknown frame type " + name + " (3 payload bytes)");
            }
        }
    }

    @Test
    void everyKnownCodeIsCriticalAndEveryIgnorableCodeIsUnknown() {
        assertThat(FrameType.values()).allSatisfy(type -> assertThat(FrameType.isIgnorable(type.code())).isFalse());
        assertThat(IntStream.range(0x80, 0x100).mapToObj(code -> FrameType.of((byte) code)))
                .allMatch(Optional::isEmpty);
    }

    @Test
    void unknownIgnorableFrameIsHeldToTheControlLimitBeforeItIsSkipped() {
        byte code = (byte) 0x90;

        assertThatCode(() -> FrameType.requireSkippable(code, FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> FrameType.requireSkippable(code, FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH + 1))
                .isInstanceOf(FrameTooLongException.class)
                .hasMessage("frame 0x90 declares a payload of 65537 bytes, more than the limit of 65536");
    }

    @ParameterizedTest
    @EnumSource(FrameType.class)
    void onlyFileDataIsNotAControlFrameAndMayTakeAMebibyte(FrameType type) {
        boolean data = type == FrameType.FILE_DATA;

        assertThat(type.isControl()).isEqualTo(!data);
        assertThat(type.maxPayload())
                .isEqualTo(data ? FrameFormat.MAX_PAYLOAD_LENGTH : FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
    }

    @ParameterizedTest
    @EnumSource(FrameType.class)
    void smallestPayloadIsTheFixedFieldsOfTheSpecification(FrameType type) {
        assertThat(type.minPayload()).isEqualTo(MIN_PAYLOADS.get(type));
    }

    @ParameterizedTest
    @EnumSource(value = FrameType.class, names = {"LEAVE", "STATS_REQUEST"}, mode = EnumSource.Mode.EXCLUDE)
    void payloadShorterThanTheFixedFieldsIsRefusedFromTheHeaderAlone(FrameType type) {
        int length = type.minPayload() - 1;
        // The channel fails the test if the reader asks for anything after the header.
        FrameReader reader = new FrameReader(new TrickleChannel(
                WireBytes.concat(header(length, type.code()), new byte[length]), Integer.MAX_VALUE,
                FrameFormat.HEADER_LENGTH));

        assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class)
                .hasMessage(type == FrameType.FILE_DATA
                        ? "FILE_DATA payload of 3 bytes has no file id"
                        : type + " payload of " + length + " bytes is too short");
    }

    @Test
    void limitsThatFollowFromTheLayoutAreThoseOfTheSpecification() {
        assertThat(FrameFormat.HEADER_LENGTH).isEqualTo(5);
        assertThat(FrameFormat.MAX_DATA_PER_FRAME).isEqualTo(1_048_572);
        // the PONG echoes the padding after its 40 fixed bytes, and must fit a control frame
        assertThat(Frame.Ping.MAX_PADDING).isEqualTo(65_536 - 40).isEqualTo(65_496);
    }

    @Test
    void recordRefusesAFieldWithTheMessageDecodingReportsToThePeer() {
        byte[] digest = new byte[FrameFormat.DIGEST_LENGTH];
        assertThatThrownBy(() -> new Frame.FileStart(1, 5, 6, 0, 0, "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FILE_START offset 6 is beyond the size 5");
        assertThat(decodingFails(new Frame.FileStart(1, 5, 5, 0, 0, "a"), Frame.FileStart.OFFSET_OFFSET, 6L))
                .hasMessage("FILE_START offset 6 is beyond the size 5");
        assertThatThrownBy(() -> new Frame.Have(1, 5, 0, 6, 0, "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HAVE of a holds 6 of 5 bytes");
        assertThat(decodingFails(new Frame.Have(1, 5, 0, 5, 0, "a"), Frame.Have.HELD_OFFSET, 6L))
                .hasMessage("HAVE of a holds 6 of 5 bytes");
        assertThatThrownBy(() -> new Frame.Stats(7, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("STATS total 6 is below its count since the last, 7");
        assertThat(decodingFails(new Frame.Stats(6, 6), Frame.Stats.SINCE_LAST_OFFSET, 7L))
                .hasMessage("STATS total 6 is below its count since the last, 7");
        assertThatThrownBy(() -> new Frame.SessionConfirm(true, -1, 0, digest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SESSION_CONFIRM files 18446744073709551615 is too large");
        assertThat(decodingFails(new Frame.SessionConfirm(true, 1, 0, digest), Frame.SessionConfirm.FILES_OFFSET, -1L))
                .hasMessage("SESSION_CONFIRM files 18446744073709551615 is too large");
    }

    @Test
    void pingWithMorePaddingThanAllowedIsAProtocolErrorNotAnIllegalArgument() {
        UUID id = new UUID(1, 2);
        byte[] wire = WireBytes.bytes(FrameCodec.encode(new Frame.Ping(id, 0, 0, Frame.Ping.MAX_PADDING)));
        byte[] longer = WireBytes.frame(FrameType.PING.code(), WireBytes.concat(
                Arrays.copyOfRange(wire, FrameFormat.HEADER_LENGTH, wire.length), new byte[1]));

        assertThatThrownBy(() -> WireBytes.reader(longer).next()).isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION))
                .hasMessage("PING padding of 65497 bytes is outside 0..65496");
    }

    @Test
    void aTextCountsItsSymbolsAsUnicodeCodePoints() {
        assertThat(new Frame.Text("td3kk").symbols()).isEqualTo(5);
        // U+1F600 is two UTF-16 units in Java and four bytes of UTF-8, and one symbol
        assertThat(new Frame.Text("a\uD83D\uDE00\u00e9").symbols()).isEqualTo(3);
        assertThat(new Frame.Text("").symbols()).isZero();
    }

    @Test
    void theLargestPingIsAnsweredByAPongThatFillsAControlFrameExactly() {
        Frame.Pong pong = new Frame.Pong(new UUID(1, 2), 0, 0, 0, Frame.Ping.MAX_PADDING);

        assertThat(pong.payloadLength()).isEqualTo(FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH);
        assertThat(new Frame.Ping(new UUID(1, 2), 0, 0, Frame.Ping.MAX_PADDING).payloadLength())
                .isEqualTo(FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH - Long.BYTES);
    }

    @Test
    void decodingAPayloadDirectlyChecksItsLengthToo() {
        assertThatThrownBy(() -> FrameType.FILE_END.decode(ByteBuffer.allocate(7)))
                .isInstanceOf(ProtocolException.class).hasMessage("FILE_END payload of 7 bytes is too short");
        assertThatThrownBy(() -> FrameType.FILE_DATA.decode(ByteBuffer.allocate(2)))
                .isInstanceOf(ProtocolException.class).hasMessage("FILE_DATA payload of 2 bytes has no file id");
        assertThatThrownBy(() -> FrameType.ERROR.decode(ByteBuffer.wrap(HexFormat.of().parseHex("0001000561"))))
                .isInstanceOf(ProtocolException.class).hasMessage("ERROR payload of 5 bytes is too short");
    }

    /** The ProtocolException of decoding {@code frame} with the u64 at {@code offset} replaced. */
    private static ProtocolException decodingFails(Frame frame, int offset, long value) {
        ByteBuffer payload = ByteBuffer.allocate(frame.payloadLength());
        frame.encode(payload);
        payload.putLong(offset, value).flip();
        try {
            frame.type().decode(payload);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("decoding did not fail: " + frame);
    }
}
