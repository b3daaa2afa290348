package dev.txrx.receiver.conversation;

import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Ended;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.store.DiskThreads;
import dev.txrx.receiver.store.Store;

/**
 * The receiving side of one FILES or GET session of the protocol, which spans connections: it
 * connects within the retry budget, which a busy sender spends too, and after a lost connection
 * or a file that failed its checksum connects again and resumes where it stopped. Its
 * {@link Store} keeps what arrived, and the resume journal in the output directory, so that the
 * next run goes on after Ctrl-C or a spent budget. {@link #cancel} ends it from another thread.
 */
public final class ReceivingSession implements Connector.Attempts<FilesAnswer>, AutoCloseable {

    private final ReceiverSettings settings;
    private final Store store;
    private final TransferEvents events;
    private final TrickleListener trickle;
    private final Cancellation cancellation = new Cancellation();
    private int reconnections;
    /** The last result that asked to connect again, for when the budget runs out. */
    private FilesResult cut;

    private ReceivingSession(ReceiverSettings settings, Store store, TransferEvents events, TrickleListener trickle) {
        this.settings = settings;
        this.store = store;
        this.events = events;
        this.trickle = trickle;
    }

    /**
     * The session that {@code settings} ask for, with what an earlier run left in the output
     * directory; close it to let go of its journal.
     *
     * @param events  hears how the session goes, over all its connections
     * @param trickle hears a trickle stream, should the sender answer with one; null where none is expected
     */
    public static ReceivingSession open(ReceiverSettings settings, DiskThreads threads, TransferEvents events,
                                        TrickleListener trickle) {
        // the journal resumes only a session of the same sender and request
        // a session asked for with other excludes is another session: what it holds may not be what is sent
        String request = settings.request().kind() + " " + String.join("\n", settings.request().names())
                + (settings.request().excludes().isEmpty() ? "" : "\n--exclude\n" + String.join("\n", settings.request().excludes()));
        return new ReceivingSession(settings, Store.forSession(settings.store(), settings.target(), request, threads),
                events, trickle);
    }

    /** What an earlier run left to resume, or null. */
    public Store.Leftover leftover() {
        return store.leftover();
    }

    /**
     * Connects and receives until the session ends, is cancelled, or the budget runs out.
     *
     * @throws ConnectFailedException if no connection got through at all
     */
    public FilesAnswer receive(Connector connector, StallWatchdog watchdog)
            throws ConnectFailedException, InterruptedException {
        return connector.converse(settings.host(), settings.port(), settings.connection(), watchdog, this);
    }

    /** Ends the session at once: the connection under way is closed, and no other follows. */
    public void cancel() {
        cancellation.cancel();
    }

    @Override
    public Conversation<FilesAnswer> next() {
        if (settings.store().dryRun()) {
            return new DryRunConversation(settings.request(), settings.target(), store);
        }
        return new FilesConversation(settings.request(), settings.target(), store, events, trickle, reconnections);
    }

    @Override
    public void connected(PeerConnection connection) {
        cancellation.attach(connection);
    }

    @Override
    public boolean again(Ended<FilesAnswer> ended) {
        FilesAnswer answer = ended.result();
        if (answer.verified()) {
            store.completed();
        }
        if (cancellation.requested() || !(answer instanceof FilesResult files) || !files.resumable()) {
            return false;
        }
        // A lost connection, or a file that failed its checksum: go on where it stopped.
        cut = files;
        reconnections++;
        return true;
    }

    @Override
    public String againBecause(Ended<FilesAnswer> ended) {
        return ended.result().problem();
    }

    /** Connected before, so what arrived is kept, and the next run resumes it. */
    @Override
    public FilesAnswer gaveUp(Ended<FilesAnswer> last, ConnectFailedException why) {
        return cut.gaveUp(why.getMessage(), reconnections);
    }

    /** Lets go of the journal; what it holds stays for the next run. */
    @Override
    public void close() {
        store.close();
    }
}
