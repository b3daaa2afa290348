package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void writesBase64LinesOf64CharactersBetweenTheMarkers() {
        byte[] der = new byte[100];
        Arrays.fill(der, (byte) 0xff);

        String text = new String(Pem.encode("CERTIFICATE", der), StandardCharsets.US_ASCII);

        // 100 bytes: 136 base64 characters, the last four for the single byte left over
        assertThat(text).isEqualTo("-----BEGIN CERTIFICATE-----\n" + "/".repeat(64) + "\n" + "/".repeat(64) + "\n"
                + "/////w==\n-----END CERTIFICATE-----\n");
    }

    @Test
    void readsWhatItWritesAndIgnoresTextAround() {
        byte[] der = {0x30, 0x03, 0x02, 0x01, 0x07};
        String text = "Bag Attributes\n" + new String(Pem.encode("PRIVATE KEY", der), StandardCharsets.US_ASCII) + "trailer\n";

        assertThat(Pem.decode("PRIVATE KEY", text)).isEqualTo(der);
        assertThat(Pem.decode("PRIVATE KEY", text.replace("\n", "\r\n"))).isEqualTo(der);
    }

    @Test
    void refusesAMissingBlockOrBrokenBase64() {
        assertThatThrownBy(() -> Pem.decode("CERTIFICATE", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no -----BEGIN CERTIFICATE----- block");
        assertThatThrownBy(() -> Pem.decode("CERTIFICATE", "-----BEGIN CERTIFICATE-----\nAAAA\n"))
                .hasMessage("there is no -----BEGIN CERTIFICATE----- block");
        assertThatThrownBy(() -> Pem.decode("CERTIFICATE", "-----BEGIN CERTIFICATE-----\nAA*A\n-----END CERTIFICATE-----\n"))
                .hasMessage("the CERTIFICATE block is not valid base64");
    }
}
