package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.PeerErrorException;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.text.Printable;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --list} over one connection: REQUEST LIST, then the sender's ENTRY frames until its
 * SESSION_END, which is answered as any session's, with no file received. Nothing is stored; each
 * name is checked as a name to store would be, since it is shown to a person.
 */
public final class CatalogueConversation implements Conversation<CatalogueResult> {

    private static final Logger log = LoggerFactory.getLogger(CatalogueConversation.class);
    private static final SessionDigest NOTHING = new SessionDigest();

    private final String peer;
    private final List<Frame.Entry> entries = new ArrayList<>();
    private long started = System.nanoTime();

    private final Frame.Request request;

    /** A conversation with {@code peer}, its address for messages, that lists everything. */
    public CatalogueConversation(String peer) {
        this(peer, new Frame.Request(RequestKind.LIST));
    }

    /** A conversation with {@code peer} that sends {@code request}, a LIST, perhaps with excludes. */
    public CatalogueConversation(String peer, Frame.Request request) {
        this.peer = peer;
        this.request = request;
    }

    @Override
    public CatalogueResult converse(PeerConnection connection) throws IOException {
        connection.expectIdle("waiting for data from " + peer);
        log.info("connected to {} ({})", peer, Printable.escape(connection.peerHello().agent()));
        Excludes.requireUnderstood(request, connection);
        connection.writer().write(request);
        started = System.nanoTime();
        while (true) {
            Frame frame = connection.reader().next();
            if (frame == null) {
                throw new EOFException("sender closed the connection before the end of the session");
            } else if (frame instanceof Frame.SessionEnd end) {
                String problem = Verdict.answer(connection.writer(), end, NOTHING, 0);
                return new CatalogueResult(entries, Verdict.summary(NOTHING, started, 0), end, problem, null);
            } else if (frame instanceof Frame.Error error) {
                throw new PeerErrorException(error);
            } else if (frame instanceof Frame.Entry entry) {
                EntryNames.requireSafe(entry.name());
                entries.add(entry);
            } else {
                throw new ProtocolException("unexpected " + frame.type().name() + " in answer to LIST");
            }
        }
    }

    @Override
    public CatalogueResult failed(Failure failure) {
        RefusedRequest refused = RefusedRequest.of(failure, RequestKind.LIST);
        return new CatalogueResult(entries, Verdict.summary(NOTHING, started, 0), null,
                refused != null ? refused.problem() : Problems.ofSession(failure, peer), refused);
    }
}
