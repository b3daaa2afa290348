package dev.txrx.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class AttributesTest {

    @Test
    void turnsTheLowNineBitsOfAModeIntoPermissions() {
        assertThat(Attributes.permissions(0755)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Attributes.permissions(0640)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Attributes.permissions(07777)).isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(Attributes.permissions(0)).isEmpty();
    }
}
