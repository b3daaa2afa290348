package dev.txrx.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ReasonsTest {

    @Test
    void aReasonIsTheMessageOrTheExceptionsName() {
        assertThat(Reasons.of(new IOException("Connection reset"))).isEqualTo("Connection reset");
        assertThat(Reasons.of(new IOException())).isEqualTo("IOException");
    }

    @Test
    void aFileSystemReasonNamesNoPath() {
        assertThat(Reasons.withoutPath(new AccessDeniedException("/srv/files/a.bin"))).isEqualTo("permission denied");
        assertThat(Reasons.withoutPath(new NoSuchFileException("/srv/files/a.bin"))).isEqualTo("no such file or directory");
        assertThat(Reasons.withoutPath(new FileSystemException("/srv/files/a.bin", null, "Is a directory")))
                .isEqualTo("Is a directory");
        assertThat(Reasons.withoutPath(new IOException("cannot open /srv/files/a.bin for reading")))
                .isEqualTo("cannot open <local path> for reading");
    }
}
