package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.report.TransferSummary;
import java.util.List;

/**
 * The sender's catalogue ({@code --list}), or why it did not arrive whole.
 *
 * @param entries   the entries, in the sender's order
 * @param summary   what the session stored: nothing, for how long
 * @param senderEnd the sender's SESSION_END, or null if none arrived
 * @param problem   why the catalogue is not whole, or null when it is
 * @param refused   the sender's refusal of the LIST (it has no catalogue), or null
 */
public record CatalogueResult(List<Frame.Entry> entries, TransferSummary summary, Frame.SessionEnd senderEnd,
                              String problem, RefusedRequest refused) {

    public CatalogueResult {
        entries = List.copyOf(entries);
    }
}
