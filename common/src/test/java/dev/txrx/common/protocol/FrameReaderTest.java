package dev.txrx.common.protocol;

import static dev.txrx.common.protocol.WireBytes.concat;
import static dev.txrx.common.protocol.WireBytes.frame;
import static dev.txrx.common.protocol.WireBytes.header;
import static dev.txrx.common.protocol.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.WireBytes.TrickleChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading frames byte by byte as the specification lays them out, and every way that fails. */
class FrameReaderTest {

    private static final byte[] HELLO = hex("00 00 00 27 01 54 58 52 58 00 02 01 00 00 0b"
            + " 74 78 72 78 2d 74 65 73 74 2f 31" + " 00".repeat(18));
    private static final byte[] REQUEST = hex("00 00 00 01 03 01");
    private static final int MAX_DATA = FrameFormat.MAX_PAYLOAD_LENGTH - Integer.BYTES;

    // --- end of stream

    @Test
    void returnsNullAtCleanEndOfStream() throws IOException {
        FrameReader reader = WireBytes.reader(new byte[0]);

        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void returnsNullAfterTheLastFrame() throws IOException {
        FrameReader reader = WireBytes.reader(REQUEST);

        assertThat(reader.next()).isEqualTo(new Frame.Request(RequestKind.FILES));
        assertThat(reader.next()).isNull();
    }

    @Test
    void rejectsHeaderCutOff() {
        FrameReader reader = WireBytes.reader(hex("00 00 00 01"));

        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class)
                .hasMessageContaining("inside a frame header (4 of 5 bytes)");
    }

    @Test
    void rejectsControlPayloadCutOff() {
        FrameReader reader = WireBytes.reader(hex("00 00 00 08 12 00 00 00 01 9a"));

        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class)
                .hasMessageContaining("inside a FILE_END frame (5 of 8 bytes)");
    }

    @Test
    void rejectsFileIdCutOff() {
        FrameReader reader = WireBytes.reader(hex("00 00 00 09 11 00 00"));

        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class)
                .hasMessageContaining("inside a FILE_DATA frame (2 of 4 bytes)");
    }

    @Test
    void deliversFileDataThatArrivedThenRejectsTheCutOff() throws IOException {
        FrameReader reader = WireBytes.reader(hex("00 00 00 09 11 00 00 00 01 68 65"));

        Frame piece = reader.next();

        assertThat(piece).isEqualTo(new Frame.FileData(1, ByteBuffer.wrap(ascii("he"))));
        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class)
                .hasMessageContaining("inside a FILE_DATA frame (3 bytes missing)");
    }

    // --- lengths

    @Test
    void acceptsFileDataOfMaximumPayload() throws IOException {
        byte[] data = randomBytes(MAX_DATA, 1);
        byte[] wire = concat(header(FrameFormat.MAX_PAYLOAD_LENGTH, FrameType.FILE_DATA.code()), hex("00 00 00 07"), data);

        List<Frame> frames = WireBytes.readToEnd(WireBytes.reader(wire));

        assertThat(frames).containsExactly(new Frame.FileData(7, ByteBuffer.wrap(data)));
    }

    @Test
    void rejectsFrameLongerThanMaximumBeforeReadingItsPayload() {
        byte[] wire = concat(header(FrameFormat.MAX_PAYLOAD_LENGTH + 1, FrameType.FILE_DATA.code()), new byte[64]);
        // The channel fails the test if the reader asks for anything after the header.
        FrameReader reader = new FrameReader(new TrickleChannel(wire, Integer.MAX_VALUE, FrameFormat.HEADER_LENGTH));

        assertThatThrownBy(reader::next).isInstanceOf(FrameTooLongException.class)
                .hasMessageContaining("frame FILE_DATA declares a payload of 1048577 bytes, more than the limit of 1048576")
                .satisfies(e -> {
                    assertThat(((FrameTooLongException) e).length()).isEqualTo(FrameFormat.MAX_PAYLOAD_LENGTH + 1L);
                    assertThat(((FrameTooLongException) e).limit()).isEqualTo(FrameFormat.MAX_PAYLOAD_LENGTH);
                });
        assertThat(reader.bytesRead()).isEqualTo(FrameFormat.HEADER_LENGTH);
    }

    @Test
    void rejectsLengthWithTopBitSetAsTooLongRatherThanNegative() {
        FrameReader reader = WireBytes.reader(header(0xffff_ffffL, FrameType.FILE_DATA.code()));

        assertThatThrownBy(reader::next).isInstanceOf(FrameTooLongException.class)
                .hasMessageContaining("declares a payload of 4294967295 bytes");
    }

    @Test
    void acceptsControlFrameOfMaximumLength() throws IOException {
        byte[] payload = new byte[FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH];
        payload[0] = 1; // REQUEST kind FILES; the rest are appended bytes a decoder ignores

        List<Frame> frames = WireBytes.readToEnd(WireBytes.reader(frame(FrameType.REQUEST.code(), payload)));

        assertThat(frames).containsExactly(new Frame.Request(RequestKind.FILES));
    }

    @Test
    void rejectsControlFrameLongerThan64KiB() {
        byte[] wire = concat(header(FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH + 1, FrameType.FILE_START.code()), new byte[64]);
        FrameReader reader = new FrameReader(new TrickleChannel(wire, Integer.MAX_VALUE, FrameFormat.HEADER_LENGTH));

        assertThatThrownBy(reader::next).isInstanceOf(FrameTooLongException.class)
                .hasMessageContaining("frame FILE_START declares a payload of 65537 bytes, more than the limit of 65536");
    }

    @Test
    void rejectsIgnorableFrameLongerThan64KiB() {
        FrameReader reader = WireBytes.reader(header(FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH + 1, 0x90));

        assertThatThrownBy(reader::next).isInstanceOf(FrameTooLongException.class)
                .hasMessageContaining("frame 0x90 declares a payload of 65537 bytes, more than the limit of 65536");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void rejectsFileDataShorterThanItsFileId(int length) {
        FrameReader reader = WireBytes.reader(frame(FrameType.FILE_DATA.code(), new byte[length]));

        assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("FILE_DATA payload of " + length + " bytes has no file id");
    }

    @Test
    void deliversEmptyFileData() throws IOException {
        FrameReader reader = WireBytes.reader(frame(FrameType.FILE_DATA.code(), hex("00 00 00 02")));

        Frame frame = reader.next();

        assertThat(frame).isEqualTo(new Frame.FileData(2, ByteBuffer.allocate(0)));
        assertThat(reader.next()).isNull();
    }

    @Test
    void deliversLargeFileDataInPiecesWhoseConcatenationIsThePayload() throws IOException {
        byte[] data = randomBytes(MAX_DATA, 2);
        byte[] wire = concat(header(FrameFormat.MAX_PAYLOAD_LENGTH, FrameType.FILE_DATA.code()), hex("00 00 00 09"),
                data, REQUEST);
        FrameReader reader = new FrameReader(new TrickleChannel(wire, Integer.MAX_VALUE), FrameReader.MIN_BUFFER_SIZE);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int pieces = 0;

        Frame frame = reader.next();
        while (frame instanceof Frame.FileData piece) {
            assertThat(piece.id()).isEqualTo(9);
            joined.writeBytes(WireBytes.bytes(piece.data()));
            pieces++;
            frame = reader.next();
        }

        assertThat(pieces).isGreaterThan(1);
        assertThat(joined.toByteArray()).isEqualTo(data);
        assertThat(frame).isEqualTo(new Frame.Request(RequestKind.FILES));
        assertThat(reader.next()).isNull();
    }

    @Test
    void readsFramesThatArriveOneByteAtATime() throws IOException {
        byte[] wire = concat(HELLO, hex("00 00 00 09 11 00 00 00 01 68 65 6c 6c 6f"), REQUEST);
        FrameReader reader = new FrameReader(new TrickleChannel(wire, 1));

        Frame.Hello hello = reader.readHello();
        List<Frame> rest = WireBytes.readToEnd(reader);

        assertThat(hello).isEqualTo(new Frame.Hello(2, Role.SENDER, "txrx-test/1"));
        assertThat(rest).containsExactly(new Frame.FileData(1, ByteBuffer.wrap(ascii("hello"))),
                new Frame.Request(RequestKind.FILES));
        assertThat(reader.bytesRead()).isEqualTo(wire.length);
    }

    @Test
    void refusesBufferSmallerThanLargestControlFrame() {
        assertThatThrownBy(() -> new FrameReader(new TrickleChannel(new byte[0], 1), FrameReader.MIN_BUFFER_SIZE - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smaller than " + FrameReader.MIN_BUFFER_SIZE);
    }

    // --- types

    @Test
    void rejectsUnknownCriticalType() {
        FrameReader reader = WireBytes.reader(frame(0x1f, hex("ab cd")));

        assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown frame type 0x1f (2 payload bytes)")
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
    }

    @Test
    void skipsUnknownIgnorableType() throws IOException {
        byte[] wire = concat(frame(0x90, hex("aa bb cc")), frame(0xff, new byte[0]), REQUEST);

        assertThat(WireBytes.readToEnd(WireBytes.reader(wire))).containsExactly(new Frame.Request(RequestKind.FILES));
    }

    @Test
    void skipsIgnorableFrameOfMaximumControlLength() throws IOException {
        byte[] wire = concat(frame(0x80, new byte[FrameFormat.MAX_CONTROL_PAYLOAD_LENGTH]), REQUEST);
        FrameReader reader = new FrameReader(new TrickleChannel(wire, 1000), FrameReader.MIN_BUFFER_SIZE);

        assertThat(WireBytes.readToEnd(reader)).containsExactly(new Frame.Request(RequestKind.FILES));
    }

    @Test
    void rejectsIgnorableFrameCutOff() {
        FrameReader reader = WireBytes.reader(hex("00 00 00 03 90 aa"));

        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class)
                .hasMessageContaining("inside a 0x90 frame (1 of 3 bytes)");
    }

    @Test
    void ignoresTrailingBytesInKnownFrames() throws IOException {
        byte[] digest = new byte[FrameFormat.DIGEST_LENGTH];
        byte[] wire = concat(
                frame(FrameType.FILE_END.code(), hex("00 00 00 01 9a 71 bb 4c 00 00 00 00 00 00 00 05 ff ee")),
                frame(FrameType.SESSION_CONFIRM.code(), concat(hex("00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 05"),
                        digest, hex("01 02 03"))),
                frame(FrameType.ERROR.code(), hex("00 01 00 02 6f 6b 00 00 00")));

        assertThat(WireBytes.readToEnd(WireBytes.reader(wire))).containsExactly(
                new Frame.FileEnd(1, 0x9a71bb4c, 5),
                new Frame.SessionConfirm(true, 1, 5, digest),
                new Frame.Error(ErrorCode.PROTOCOL_VIOLATION, "ok"));
    }

    @Test
    void ignoresTrailingBytesInHello() throws IOException {
        byte[] payload = concat(Arrays.copyOfRange(HELLO, FrameFormat.HEADER_LENGTH, HELLO.length), hex("de ad be ef"));
        FrameReader reader = WireBytes.reader(frame(FrameType.HELLO.code(), payload));

        assertThat(reader.readHello()).isEqualTo(new Frame.Hello(2, Role.SENDER, "txrx-test/1"));
    }

    @Test
    void ignoresHelloFlags() throws IOException {
        byte[] wire = HELLO.clone();
        wire[FrameFormat.HEADER_LENGTH + 7] = (byte) 0xff;

        assertThat(WireBytes.reader(wire).readHello()).isEqualTo(new Frame.Hello(2, Role.SENDER, "txrx-test/1"));
    }

    // --- the first frame

    @Test
    void readsHelloAsFirstFrame() throws IOException {
        FrameReader reader = WireBytes.reader(concat(HELLO, REQUEST));

        assertThat(reader.readHello()).isEqualTo(new Frame.Hello(2, Role.SENDER, "txrx-test/1"));
        assertThat(reader.next()).isEqualTo(new Frame.Request(RequestKind.FILES));
    }

    @Test
    void rejectsConnectionClosedBeforeHello() {
        FrameReader reader = WireBytes.reader(new byte[0]);

        assertThatThrownBy(reader::readHello).isInstanceOf(EOFException.class)
                .hasMessageContaining("peer closed the connection before sending HELLO");
    }

    @Test
    void rejectsConnectionClosedInsideFirstHeaderAsForeignPeer() {
        FrameReader reader = WireBytes.reader(hex("00 00 00"));

        assertThatThrownBy(reader::readHello).isInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("first bytes 00 00 00 (\"...\")");
    }

    @Test
    void rejectsHelloCutOffInsidePayload() {
        FrameReader reader = WireBytes.reader(Arrays.copyOf(HELLO, HELLO.length - 3));

        assertThatThrownBy(reader::readHello).isInstanceOf(EOFException.class)
                .hasMessageContaining("inside a HELLO frame (36 of 39 bytes)");
    }

    @Test
    void rejectsHelloWithWrongMagicAsForeignPeer() {
        byte[] wire = HELLO.clone();
        wire[FrameFormat.HEADER_LENGTH + 3] = 'Y';

        assertThatThrownBy(() -> WireBytes.reader(wire).readHello()).isInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("peer does not speak txrx: first bytes 00 00 00 27 01 54 58 52 59")
                .hasMessageContaining("(\"...'.TXRY......t\")");
    }

    @Test
    void rejectsOtherFrameBeforeHelloAsForeignPeer() {
        assertThatThrownBy(() -> WireBytes.reader(concat(REQUEST, HELLO)).readHello())
                .isInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("first bytes 00 00 00 01 03 01");
    }

    @Test
    void rejectsIgnorableFrameBeforeHelloAsForeignPeer() {
        assertThatThrownBy(() -> WireBytes.reader(concat(frame(0x90, new byte[0]), HELLO)).readHello())
                .isInstanceOf(ForeignPeerException.class);
    }

    @Test
    void rejectsHelloShorterThanItsFixedFieldsAsForeignPeer() {
        byte[] wire = frame(FrameType.HELLO.code(), hex("54 58 52 58 00 01 01 00 00"));

        assertThatThrownBy(() -> WireBytes.reader(wire).readHello()).isInstanceOf(ForeignPeerException.class);
    }

    @Test
    void rejectsGarbageAsForeignPeer() {
        byte[] garbage = randomBytes(100, 3);
        garbage[4] = 0x7f; // not HELLO, whatever the random bytes are

        assertThatThrownBy(() -> WireBytes.reader(garbage).readHello()).isInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("peer does not speak txrx: first bytes " + hex(Arrays.copyOf(garbage, 16)));
    }

    @Test
    void namesHttpWhenPeerSendsHttpRequest() {
        byte[] request = ascii("GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n");

        assertThatThrownBy(() -> WireBytes.reader(request).readHello()).isInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("(\"GET /index.html \")")
                .hasMessageContaining("looks like an HTTP request");
    }

    @Test
    void namesHttpWhenRequestLineEndsWithinTheBytesShown() {
        // "GET / HTTP/1.1\r\n", what curl sends for a bare URL, is exactly the 16 bytes shown
        byte[] request = ascii("GET / HTTP/1.1\r\nHost: example\r\n\r\n");

        assertThatThrownBy(() -> WireBytes.reader(request).readHello()).isInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("looks like an HTTP request");
    }

    @Test
    void namesTlsWhenPeerStartsTlsHandshake() {
        byte[] clientHello = hex("16 03 01 00 c8 01 00 00 c4 03 03");

        assertThatThrownBy(() -> WireBytes.reader(clientHello).readHello()).isInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("looks like a TLS handshake");
    }

    @Test
    void namesSshWhenPeerSendsSshBanner() {
        byte[] banner = ascii("SSH-2.0-OpenSSH_9.6\r\n");

        assertThatThrownBy(() -> WireBytes.reader(banner).readHello()).isInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("looks like SSH");
    }

    // --- payload fields

    @Test
    void rejectsControlPayloadShorterThanItsFields() {
        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.REQUEST.code(), new byte[0])).next())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("REQUEST payload of 0 bytes is too short");
        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.FILE_END.code(), new byte[7])).next())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("FILE_END payload of 7 bytes is too short");
    }

    @Test
    void rejectsStringWhoseBytesAreMissing() {
        // ERROR message declares 5 bytes, 2 follow
        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.ERROR.code(), hex("00 01 00 05 61 62"))).next())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("ERROR payload of 6 bytes is too short");
    }

    @Test
    void rejectsTextLongerThanItsLimit() {
        byte[] payload = ByteBuffer.allocate(4 + 1025).putShort((short) 1).putShort((short) 1025).array();

        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.ERROR.code(), payload)).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("ERROR message is 1025 bytes, more than the limit of 1024");
    }

    @Test
    void rejectsNameLongerThanItsLimit() {
        byte[] name = "a".repeat(4097).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.FILE_START.code(), fileStart(5, 0, 0, name))).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("FILE_START name is 4097 bytes, more than the limit of 4096");
    }

    @Test
    void acceptsNameOfMaximumLength() throws IOException {
        String name = "a".repeat(FrameFormat.MAX_NAME_LENGTH);

        Frame frame = WireBytes.reader(frame(FrameType.FILE_START.code(), fileStart(5, 0, 0, ascii(name)))).next();

        assertThat(frame).isEqualTo(new Frame.FileStart(1, 5, 0, 0, 0, name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c3 28", "c0 af", "ed a0 80", "ff", "e2 82"})
    void rejectsInvalidUtf8(String badBytes) {
        byte[] bad = hex(badBytes);
        byte[] payload = ByteBuffer.allocate(4 + bad.length).putShort((short) 1).putShort((short) bad.length)
                .put(bad).array();

        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.ERROR.code(), payload)).next())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("ERROR message is not valid UTF-8");
    }

    @Test
    void decodesUtf8OfEveryLength() throws IOException {
        String text = "a é € 😀";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] payload = ByteBuffer.allocate(4 + utf8.length).putShort((short) 7).putShort((short) utf8.length)
                .put(utf8).array();

        assertThat(WireBytes.reader(frame(FrameType.ERROR.code(), payload)).next())
                .isEqualTo(new Frame.Error(ErrorCode.INTERNAL, text));
    }

    @Test
    void rejectsHelloOfUnknownRole() {
        byte[] wire = HELLO.clone();
        wire[FrameFormat.HEADER_LENGTH + 6] = 7;

        assertThatThrownBy(() -> WireBytes.reader(wire).readHello()).isInstanceOf(ProtocolException.class)
                .isNotInstanceOf(ForeignPeerException.class)
                .hasMessageContaining("unknown role 7 in HELLO");
    }

    @Test
    void rejectsSecondHelloWithWrongMagic() {
        byte[] wire = HELLO.clone();
        wire[FrameFormat.HEADER_LENGTH + 3] = 'Y';

        assertThatThrownBy(() -> WireBytes.reader(wire).next()).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("HELLO has magic 0x54585259, expected 0x54585258");
    }

    @Test
    void readsUnknownErrorCodeAsUnknown() throws IOException {
        Frame frame = WireBytes.reader(frame(FrameType.ERROR.code(), hex("01 00 00 01 78"))).next();

        assertThat(frame).isEqualTo(new Frame.Error(ErrorCode.UNKNOWN, "x"));
    }

    @Test
    void rejectsUnknownRequestKindAsUnsupportedRequest() {
        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.REQUEST.code(), hex("09"))).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unsupported request kind 9")
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_REQUEST);
    }

    @Test
    void rejectsUnknownSessionEndStatus() {
        byte[] payload = concat(hex("02"), new byte[16], new byte[FrameFormat.DIGEST_LENGTH], hex("00 00"));

        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.SESSION_END.code(), payload)).next())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown session status 2 in SESSION_END");
    }

    @Test
    void rejectsUnknownSessionConfirmStatus() {
        byte[] payload = concat(hex("02"), new byte[16], new byte[FrameFormat.DIGEST_LENGTH]);

        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.SESSION_CONFIRM.code(), payload)).next())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("SESSION_CONFIRM status 2 is unknown");
    }

    @Test
    void rejectsTotalsOfTwoTo63OrMore() {
        byte[] payload = concat(hex("00 80 00 00 00 00 00 00 00"), new byte[8], new byte[FrameFormat.DIGEST_LENGTH]);

        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.SESSION_CONFIRM.code(), payload)).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("SESSION_CONFIRM files 9223372036854775808 is too large");
    }

    @Test
    void rejectsFileSizeOfTwoTo63OrMore() {
        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.FILE_START.code(), fileStart(Long.MIN_VALUE, 0, 0, ascii("a")))).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("FILE_START size 9223372036854775808 is too large");
    }

    @Test
    void rejectsOffsetBeyondSize() {
        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.FILE_START.code(), fileStart(5, 6, 0, ascii("a")))).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("FILE_START offset 6 is beyond the size 5");
    }

    @Test
    void rejectsModeOfTwoTo31OrMore() {
        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.FILE_START.code(),
                fileStart(5, 0, 0x8000_0000, ascii("a")))).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("FILE_START mode 2147483648 is invalid");
    }

    @Test
    void rejectsEmptyName() {
        assertThatThrownBy(() -> WireBytes.reader(frame(FrameType.FILE_START.code(), fileStart(5, 0, 0, new byte[0]))).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("FILE_START name is empty");
    }

    @Test
    void acceptsNegativeModificationTime() throws IOException {
        byte[] payload = fileStart(5, 0, 0, ascii("a"));
        ByteBuffer.wrap(payload).putLong(20, -1000L);

        assertThat(WireBytes.reader(frame(FrameType.FILE_START.code(), payload)).next())
                .isEqualTo(new Frame.FileStart(1, 5, 0, -1000L, 0, "a"));
    }

    @Test
    void readsFileIdsAboveTwoTo31AsUnsigned() throws IOException {
        FrameReader reader = WireBytes.reader(concat(
                frame(FrameType.FILE_END.code(), hex("ff ff ff ff 00 00 00 00")),
                frame(FrameType.FILE_DATA.code(), hex("80 00 00 00 2a"))));

        assertThat(WireBytes.readToEnd(reader)).containsExactly(
                new Frame.FileEnd(0xffff_ffffL, 0),
                new Frame.FileData(0x8000_0000L, ByteBuffer.wrap(new byte[] {42})));
    }

    /** A FILE_START payload of file id 1, modification time 0. */
    private static byte[] fileStart(long size, long offset, int mode, byte[] name) {
        return ByteBuffer.allocate(34 + name.length).putInt(1).putLong(size).putLong(offset).putLong(0)
                .putInt(mode).putShort((short) name.length).put(name).array();
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // --- a growing buffer

    @Test
    void aGrowingReaderStartsSmallAndGrowsAsReadsFillIt() throws IOException {
        byte[] data = new byte[200_000];
        new SplittableRandom(1).nextBytes(data);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameWriter(Channels.newChannel(wire)).write(new Frame.FileData(7, ByteBuffer.wrap(data)));
        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(wire.toByteArray())),
                FrameReader.DEFAULT_BUFFER_SIZE, true);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int first = -1;
        int largest = 0;
        Frame frame;
        while ((frame = reader.next()) != null) {
            ByteBuffer piece = ((Frame.FileData) frame).data();
            first = first < 0 ? piece.remaining() : first;
            largest = Math.max(largest, piece.remaining());
            byte[] bytes = new byte[piece.remaining()];
            piece.get(bytes);
            received.write(bytes);
        }
        assertThat(received.toByteArray()).isEqualTo(data);
        assertThat(first).isLessThanOrEqualTo(FrameReader.START_SIZE);
        assertThat(largest).isGreaterThan(FrameReader.START_SIZE);
    }
}
