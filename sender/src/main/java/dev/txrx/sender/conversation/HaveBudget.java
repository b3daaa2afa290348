package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.text.ByteSizes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that resuming receivers can make this sender hold with their HAVE frames, which are
 * kept for the whole conversation: at most {@link #perConnection} for one connection and
 * {@link #total} for all of them together. Each HAVE is charged as it is read, so a receiver that
 * floods is stopped at the limit, not after the heap ran out. The heap is the process's, so the one
 * budget the conversations use, {@link #PROCESS}, is too.
 */
final class HaveBudget {

    /**
     * What one HAVE costs besides the characters of its name: the record and its fields, the name's
     * String and array headers, and the map entry that keeps it, rounded up.
     */
    static final long BYTES_PER_HAVE = 160;
    /** The budget of this process: a quarter of its heap in all, a sixteenth for one connection. */
    static final HaveBudget PROCESS = forHeap(Runtime.getRuntime().maxMemory());

    private final long perConnection;
    private final long total;
    private final AtomicLong held = new AtomicLong();

    /** At most {@code perConnection} bytes for one connection, at most {@code total} for all. */
    HaveBudget(long perConnection, long total) {
        if (perConnection <= 0 || total <= 0) {
            throw new IllegalArgumentException("a HAVE budget of " + perConnection + " / " + total + " bytes");
        }
        this.perConnection = perConnection;
        this.total = total;
    }

    /** The budget for a heap of {@code maxHeap} bytes. */
    static HaveBudget forHeap(long maxHeap) {
        return new HaveBudget(maxHeap / 16, maxHeap / 4);
    }

    /** What {@code have} is charged: a name is counted at two bytes a character, as a String may hold it. */
    static long costOf(Frame.Have have) {
        return BYTES_PER_HAVE + 2L * have.name().length();
    }

    /** What {@code copy} is charged: as a HAVE of the same name. */
    static long costOf(Frame.Copy copy) {
        return BYTES_PER_HAVE + 2L * copy.name().length();
    }

    /** An account for one connection's HAVE frames; closing it gives back what they were charged. */
    Account open() {
        return new Account();
    }

    /** What all open accounts hold now. */
    long held() {
        return held.get();
    }

    /** What one connection's HAVE frames hold; used by that connection's thread only. */
    final class Account implements AutoCloseable {
        private long charged;
        private long haves;
        private long copies;

        private Account() {
        }

        /**
         * Charges one more HAVE.
         *
         * @throws ProtocolException if it takes the connection, or all of them, over the budget
         */
        void charge(Frame.Have have) throws ProtocolException {
            charge(costOf(have), "HAVE frames", "HAVE " + (haves + 1));
            haves++;
        }

        /**
         * Charges one more COPY, to the same budget as the HAVE frames.
         *
         * @throws ProtocolException if it takes the connection, or all of them, over the budget
         */
        void charge(Frame.Copy copy) throws ProtocolException {
            charge(costOf(copy), "HAVE and COPY frames", "COPY " + (copies + 1));
            copies++;
        }

        private void charge(long cost, String what, String at) throws ProtocolException {
            if (charged + cost > perConnection) {
                throw overBudget(what, ByteSizes.format(perConnection) + " that one connection may hold", at);
            }
            if (held.addAndGet(cost) > total) {
                held.addAndGet(-cost);
                throw overBudget(what, ByteSizes.format(total) + " that all connections together may hold", at);
            }
            charged += cost;
        }

        private ProtocolException overBudget(String what, String limit, String at) {
            return new ProtocolException(what + " take more memory than the " + limit + " (refused at " + at + ")");
        }

        @Override
        public void close() {
            held.addAndGet(-charged);
            charged = 0;
        }
    }
}
