package dev.txrx.receiver.conversation;

import dev.txrx.common.transport.ConnectionSettings;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import java.util.function.Supplier;

/**
 * One conversation with the sender, such as a catalogue or a ping run: over the first connection
 * it lets through, a busy sender being tried again within the retry budget. {@link #cancel} ends
 * it from another thread.
 *
 * @param <R> the conversation's result
 */
public final class Call<R> implements Connector.Attempts<R> {

    private final Supplier<Conversation<R>> conversation;
    private final Cancellation cancellation = new Cancellation();

    /** A call that holds {@code conversation}'s conversation, made anew for each connection. */
    public Call(Supplier<Conversation<R>> conversation) {
        this.conversation = conversation;
    }

    /**
     * Connects with {@code connector} and holds the conversation.
     *
     * @throws ConnectFailedException if no connection got through within the budget
     */
    public R run(Connector connector, ReceiverSettings settings, ConnectionSettings connection,
                 StallWatchdog watchdog) throws ConnectFailedException, InterruptedException {
        return connector.converse(settings.host(), settings.port(), connection, watchdog, this);
    }

    /** Ends the call at once. */
    public void cancel() {
        cancellation.cancel();
    }

    @Override
    public Conversation<R> next() {
        return conversation.get();
    }

    @Override
    public void connected(PeerConnection connection) {
        cancellation.attach(connection);
    }
}
