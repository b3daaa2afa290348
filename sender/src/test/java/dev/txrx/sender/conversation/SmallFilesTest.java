package dev.txrx.sender.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SmallFilesTest {

    private final SmallFiles unpaced = new SmallFiles(false);

    @Test
    void aFileUpTo64KiBSentFromItsStartIsSmall() {
        assertThat(unpaced.isSmall(0, 0)).isTrue();
        assertThat(unpaced.isSmall(1, 0)).isTrue();
        assertThat(unpaced.isSmall(SmallFiles.MAX_SIZE, 0)).isTrue();
        assertThat(unpaced.isSmall(SmallFiles.MAX_SIZE + 1L, 0)).isFalse();
    }

    @Test
    void aFileContinuedInTheMiddleIsNotSmall() {
        assertThat(unpaced.isSmall(1000, 1)).isFalse();
        assertThat(unpaced.isSmall(1000, 999)).isFalse();
    }

    @Test
    void nothingIsSmallInAPacedConversation() {
        SmallFiles paced = new SmallFiles(true);
        assertThat(paced.isSmall(0, 0)).isFalse();
        assertThat(paced.isSmall(100, 0)).isFalse();
    }

    @Test
    void smallFilesWaitInTheWritersBufferAndGoOutTogetherOnFlush() throws Exception {
        Wire wire = new Wire();
        for (int id = 1; id <= 3; id++) {
            ByteBuffer data = ByteBuffer.wrap(new byte[] {(byte) id, 2, 3});
            unpaced.buffer(wire.writer(), new Frame.FileStart(id, 3, 0, 0, 0644, "f" + id),
                    data, new Frame.FileEnd(id, 42 + id));
            assertThat(data.remaining()).as("the data is left as it was").isEqualTo(3);
        }
        assertThat(wire.writes()).as("nothing written before the flush").isZero();

        wire.writer().flush();

        assertThat(wire.writes()).isEqualTo(1);
        assertThat(wire.frames()).hasSize(9).satisfies(frames -> {
            assertThat(frames.get(0)).isEqualTo(new Frame.FileStart(1, 3, 0, 0, 0644, "f1"));
            assertThat(((Frame.FileData) frames.get(1)).data()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThat(frames.get(2)).isEqualTo(new Frame.FileEnd(1, 43));
            assertThat(frames.get(8)).isEqualTo(new Frame.FileEnd(3, 45));
        });
    }

    @Test
    void theRoomForAFileReadWholeIsSizedByTheFileAndGrowsForALargerOne() {
        ByteBuffer room = unpaced.room(1000);
        assertThat(room.capacity()).isEqualTo(4096);
        assertThat(unpaced.room(4096)).isSameAs(room);
        assertThat(unpaced.room(10_000).capacity()).isEqualTo(16_384);
        assertThat(unpaced.room(SmallFiles.MAX_SIZE).capacity()).isEqualTo(SmallFiles.MAX_SIZE);
        unpaced.release();
    }
}
