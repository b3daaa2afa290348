package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.Frame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Standard input as one file of unknown size: claimed once, read as it comes, checksummed as it goes. */
@Timeout(10)
class StandardInputTest {

    private static ContentItem.Piped open(StandardInput input) throws IOException, InterruptedException {
        SessionContent content = input.open(List.of(), new ArrayList<>(), 0);
        assertThat(content.totals().files()).isEqualTo(1);
        assertThat(content.totals().knowsBytes()).isFalse();
        ContentItem.Piped item = (ContentItem.Piped) content.next(0);
        assertThat(content.next(0)).isInstanceOf(ContentItem.End.class);
        return item;
    }

    @Test
    void isAnnouncedAsOneFileOfUnknownSizeOwnerOnly() throws Exception {
        byte[] bytes = new byte[10_000];
        StandardInput input = new StandardInput("dump.sql", Channels.newChannel(new ByteArrayInputStream(bytes)), null);
        ContentItem.Piped item = open(input);

        assertThat(item.name()).isEqualTo("dump.sql");
        assertThat(item.size()).isEqualTo(Frame.FileStart.UNKNOWN_SIZE);
        assertThat(item.sizeKnown()).isFalse();
        assertThat(item.mode()).isEqualTo(0600);
        assertThat(item.mtimeMillis()).isPositive();
    }

    @Test
    void servesOneSessionAndNoReceiverOfVersion2() {
        StandardInput input = new StandardInput("stdin", Channels.newChannel(InputStream.nullInputStream()), null);

        assertThat(input.refusal(2)).isEqualTo(StandardInput.VERSION_2_REFUSAL);
        assertThat(input.spent()).as("a refused peer does not claim it").isFalse();
        assertThat(input.refusal(3)).isNull();
        assertThat(input.spent()).isTrue();
        assertThat(input.refusal(3)).isEqualTo(StandardInput.SPENT_REFUSAL);
        assertThat(input.singleUse()).isTrue();
        assertThat(input.reproducible()).isFalse();
    }

    /** Every byte, in order, with the CRC32C and length of all of them, in buffers no larger than asked. */
    @Test
    void handsOverEveryByteWithItsCrcAndLength() throws Exception {
        byte[] bytes = new byte[100_000];
        new java.util.Random(7).nextBytes(bytes);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        PipedFile file = new PipedFile(Channels.newChannel(in), in, "stdin", 4096);
        file.open();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (!file.drained()) {
            ByteBuffer data = file.next(50);
            if (data != null) {
                assertThat(data.remaining()).isBetween(1, 4096);
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                out.write(chunk);
                file.release(data);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(file.length()).isEqualTo(bytes.length);
        assertThat(file.awaitCrc32c()).isEqualTo((int) crc.getValue());
    }

    /** A pipe that trickles still flows: a read does not wait to fill its buffer once the pipe is empty. */
    @Test
    void aTricklingPipeFlowsWithoutFillingABuffer() throws Exception {
        Pipe pipe = Pipe.open();
        PipedFile file = new PipedFile(pipe.source(), null, "stdin");
        file.open();
        pipe.sink().write(ByteBuffer.wrap(new byte[] {42}));

        ByteBuffer first = null;
        while (first == null) {
            first = file.next(50);
        }
        assertThat(first.remaining()).isEqualTo(1);
        assertThat(first.get()).isEqualTo((byte) 42);
        file.release(first);
        assertThat(file.drained()).isFalse();
        pipe.sink().close();
        while (!file.drained()) {
            assertThat(file.next(50)).isNull();
        }
        assertThat(file.length()).isEqualTo(1);
    }

    @Test
    void aFailedReadFailsTheFileWithItsName() throws Exception {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }
        };
        PipedFile file = new PipedFile(Channels.newChannel(broken), null, "stdin");
        file.open();
        assertThatThrownBy(file::awaitCrc32c).isInstanceOf(SourceFailedException.class)
                .hasMessage("cannot read stdin: Input/output error");
        assertThatThrownBy(() -> file.next(50)).isInstanceOf(SourceFailedException.class);
    }
}
