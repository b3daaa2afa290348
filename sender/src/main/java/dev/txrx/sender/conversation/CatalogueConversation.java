package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Glob;
import java.util.List;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.text.Counts;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.sender.content.ContentSource;
import java.io.IOException;

/**
 * The answer to REQUEST LIST: an ENTRY for each file and directory the sender has, in the order
 * they would be sent, then SESSION_END (no files, so the digest of none) and the receiver's
 * confirmation.
 */
final class CatalogueConversation implements Conversation<SessionOutcome> {

    private final ContentSource content;
    private final Requester requester;
    private final SessionDigest none = new SessionDigest();
    private long listed;

    private final List<Glob> excludes;

    /** Lists {@code content} to {@code requester}, without what the REQUEST's {@code excludes} leave out. */
    CatalogueConversation(ContentSource content, List<String> excludes, Requester requester) {
        this.content = content;
        this.excludes = excludes.stream().map(Glob::of).toList();
        this.requester = requester;
    }

    @Override
    public SessionOutcome converse(PeerConnection connection) throws IOException {
        for (Frame.Entry entry : content.catalogue(excludes)) {
            connection.writer().write(entry);
            listed++;
        }
        return outcome(SessionEnding.complete(connection, none));
    }

    @Override
    public SessionOutcome failed(Failure failure) {
        return outcome(failure.message());
    }

    /** What the listing did, said as an activity: the totals of no file and the digest of none say nothing. */
    private SessionOutcome outcome(String problem) {
        return SessionOutcome.ofActivity(requester, "listed " + Counts.of(listed, "entry"), problem);
    }
}
