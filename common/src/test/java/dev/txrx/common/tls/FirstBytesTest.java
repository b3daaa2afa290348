package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FirstBytesTest {

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.ofDelimiter(" ").parseHex(hex));
    }

    @Test
    void aClientHelloRecordIsTlsOnTheListeningSide() {
        assertThat(FirstBytes.judge(bytes("16 03 01 02 00"), true)).isEqualTo(FirstBytes.Verdict.TLS);
        assertThat(FirstBytes.judge(bytes("16 03 04"), true)).isEqualTo(FirstBytes.Verdict.TLS);
    }

    @Test
    void theListeningSideWantsAHandshakeRecordOfAKnownVersion() {
        assertThat(FirstBytes.judge(bytes("17 03 03 00 10"), true)).isEqualTo(FirstBytes.Verdict.NOT_TLS);
        assertThat(FirstBytes.judge(bytes("16 03 05"), true)).isEqualTo(FirstBytes.Verdict.NOT_TLS);
        assertThat(FirstBytes.judge(bytes("16 03 00"), true)).isEqualTo(FirstBytes.Verdict.NOT_TLS);
    }

    @Test
    void theConnectingSideTakesAnyRecordTypeOfMajorVersionThree() {
        for (String type : new String[] {"14", "15", "16", "17"}) {
            assertThat(FirstBytes.judge(bytes(type + " 03"), false)).isEqualTo(FirstBytes.Verdict.TLS);
        }
        assertThat(FirstBytes.judge(bytes("18 03"), false)).isEqualTo(FirstBytes.Verdict.NOT_TLS);
        assertThat(FirstBytes.judge(bytes("16 02"), false)).isEqualTo(FirstBytes.Verdict.NOT_TLS);
    }

    @Test
    void aPrefixOfARecordHeaderIsUndecided() {
        assertThat(FirstBytes.judge(bytes("16"), true)).isEqualTo(FirstBytes.Verdict.UNDECIDED);
        assertThat(FirstBytes.judge(bytes("16 03"), true)).isEqualTo(FirstBytes.Verdict.UNDECIDED);
        assertThat(FirstBytes.judge(bytes("17"), false)).isEqualTo(FirstBytes.Verdict.UNDECIDED);
    }

    @Test
    void aPlainHelloIsWaitedForOnlyWhileItCouldStillBeOne() {
        assertThat(FirstBytes.couldBecomePlainHello(bytes("00 00"))).isTrue();
        assertThat(FirstBytes.couldBecomePlainHello(bytes("00 00 00 0c 01 54 58"))).isTrue();
        assertThat(FirstBytes.couldBecomePlainHello(bytes("00 00 00 0c 02"))).isFalse();
        assertThat(FirstBytes.couldBecomePlainHello(bytes("00 00 00 0c 01 54 59"))).isFalse();
        assertThat(FirstBytes.couldBecomePlainHello(bytes("00 00 00 0c 01 54 58 52 58"))).isFalse();
    }

    @Test
    void theHeadIsAtMostAFrameHeaderAndTheMagic() {
        ByteBuffer buffered = bytes("00 00 00 0c 01 54 58 52 58 00 01 01");

        assertThat(FirstBytes.head(buffered)).hasSize(9);
        assertThat(FirstBytes.head(bytes("47 45"))).containsExactly(0x47, 0x45);
        assertThat(buffered.position()).isZero();
    }
}
