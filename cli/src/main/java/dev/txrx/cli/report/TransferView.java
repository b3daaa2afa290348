package dev.txrx.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.common.report.ForwardingEvents;
import dev.txrx.common.report.TransferEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TransferEvents} listener that shows a transfer to a person or a program, and hears its
 * end from the app shell: {@link #ended} with the summary that {@code --json} prints.
 */
public interface TransferView extends TransferEvents, AutoCloseable {

    /** Shows nothing. */
    TransferView NONE = new TransferView() {
    };

    /** The transfer ended with {@code summary}, the fields of today's {@code --json} object. */
    default void ended(ObjectNode summary) {
    }

    /** Stops drawing; releases threads. */
    @Override
    default void close() {
    }

    /** Every one of {@code views}, in order. */
    static TransferView all(List<? extends TransferView> views) {
        List<TransferView> copy = List.copyOf(views);
        class All extends ForwardingEvents implements TransferView {
            All() {
                super(TransferEvents.all(copy));
            }

            @Override
            public void ended(ObjectNode summary) {
                copy.forEach(view -> view.ended(summary));
            }

            @Override
            public void close() {
                // the last first: a bar is cleared before the lines that close after it
                List<TransferView> reversed = new ArrayList<>(copy);
                java.util.Collections.reverse(reversed);
                reversed.forEach(TransferView::close);
            }
        }
        return new All();
    }
}
