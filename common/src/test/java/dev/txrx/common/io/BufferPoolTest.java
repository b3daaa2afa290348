package dev.txrx.common.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void aBufferGivenBackIsTakenAgainClearedAndOfItsCapacityOnly() {
        BufferPool pool = new BufferPool(false);
        ByteBuffer buffer = pool.take(1024);
        buffer.put((byte) 1).limit(10);
        pool.give(buffer);

        assertThat(pool.take(2048)).isNotSameAs(buffer).extracting(ByteBuffer::capacity).isEqualTo(2048);
        ByteBuffer again = pool.take(1024);
        assertThat(again).isSameAs(buffer);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(1024);
    }

    @Test
    void keepsABoundedNumberOfEachCapacityAndOnlyItsOwnKind() {
        BufferPool pool = new BufferPool(true);
        for (int i = 0; i < BufferPool.KEPT_PER_CAPACITY + 5; i++) {
            pool.give(ByteBuffer.allocateDirect(512));
        }
        pool.give(ByteBuffer.allocate(512));
        pool.give(null);

        assertThat(pool.kept(512)).isEqualTo(BufferPool.KEPT_PER_CAPACITY);
        assertThat(pool.take(512).isDirect()).isTrue();
    }

    @Test
    void roundsUpToAPowerOfTwoAndTheMinimum() {
        assertThat(BufferPool.roundUp(1000, 4096)).isEqualTo(4096);
        assertThat(BufferPool.roundUp(4096, 4096)).isEqualTo(4096);
        assertThat(BufferPool.roundUp(4097, 4096)).isEqualTo(8192);
        assertThat(BufferPool.roundUp(3, 1)).isEqualTo(4);
    }
}
