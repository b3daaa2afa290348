package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.Glob;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.report.Compared;
import dev.txrx.common.report.Totals;
import dev.txrx.common.text.Counts;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.PeerConnection;
import dev.txrx.sender.content.ContentItem;
import dev.txrx.sender.content.SessionContent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to REQUEST FILES or GET: first the receiver's RESUME and HAVE frames, then
 * SESSION_START (a new session, or the one the RESUME asked for), MISSING for each name asked for
 * that is not here, then each directory and file as soon as it is ready (skipped or continued where
 * the receiver holds it already, UP_TO_DATE in its place where the receiver's copy is the same),
 * SESSION_END with the totals and digest, and the receiver's SESSION_CONFIRM. Asked to stop, it
 * ends with SESSION_END ABORTED at the next frame boundary. A dry run sends an ENTRY in the place
 * of each file it would send, no directory and no content, and ends with the empty session.
 */
final class FilesConversation implements Conversation<SessionOutcome> {

    private static final Logger log = LoggerFactory.getLogger(FilesConversation.class);

    private final Offer offer;
    private final Frame.Request request;
    private final Requester requester;
    private final HaveBudget.Account haves;
    private final SessionDigest digest = new SessionDigest();
    /** Bytes of file content sent over this connection: what its speed counts, skipped and held bytes not. */
    private long moved;
    /** In a dry run: the files that would be sent, and their bytes. */
    private long wouldSend;
    private long wouldSendBytes;
    /** Known once the session is chosen, at the start of {@link #converse}. */
    private ResumeDecision decision;

    /**
     * The conversation that sends {@code offer}'s content, or only the names {@code request} asks
     * for (none: all), to {@code requester}; the HAVE frames that follow are charged to {@code haves}.
     */
    FilesConversation(Offer offer, Frame.Request request, Requester requester, HaveBudget.Account haves) {
        this.offer = offer;
        this.request = request;
        this.requester = requester;
        this.haves = haves;
    }

    @Override
    public SessionOutcome converse(PeerConnection connection) throws IOException, InterruptedException {
        String peer = requester.peer();
        ResumeRequest resume = ResumeRequest.read(connection.reader(), request.kind(), haves);
        decision = ResumeDecision.decide(resume, offer.sessions(), offer.content().reproducible(), offer.seed(), peer,
                connection.peerIdentity());
        List<String> names = request.names();
        FrameWriter writer = connection.writer();
        boolean complete;
        List<String> missing = new ArrayList<>();
        List<Glob> excludes = request.excludes().stream().map(Glob::of).toList();
        try (SessionContent content = offer.content().open(names, excludes, missing, decision.seed())) {
            Totals totals = content.totals();
            writer.write(new Frame.SessionStart(decision.sessionId(), decision.resumed(), decision.note(),
                    totals.files(), totals.bytes()));
            requester.events().started(totals);
            if (decision.resumed()) {
                requester.events().resumed(decision.sessionId().toString(), decision.heldFiles(), decision.heldBytes());
            }
            for (String name : missing) {
                log.info("receiver {} asked for {}, which is not here", peer, name);
                writer.write(new Frame.Missing(name));
            }
            complete = streamAll(new FileStreamer(writer, offer.bytesPerSecond(), requester), writer, content);
        }
        if (decision.resumed()) {
            log.info("receiver {}: {}", peer, decision.summary());
        }
        if (!complete) {
            String reason = requester.stop().reason();
            SessionEnding.aborted(connection, digest, reason);
            return outcome(reason);
        }
        return outcome(SessionEnding.complete(connection, digest));
    }

    /**
     * Sends every item the content hands out, each as soon as it is ready.
     *
     * @return true when the whole set was sent, false when the stop request cut it short
     */
    private boolean streamAll(FileStreamer streamer, FrameWriter writer, SessionContent content)
            throws IOException, InterruptedException {
        while (true) {
            ContentItem next = content.next(0);
            while (next == null) {
                // Nothing ready: send what was batched before waiting.
                streamer.flush();
                if (requester.stop().requested()) {
                    return false;
                }
                next = content.next(FileStreamer.STOP_POLL_MILLIS);
            }
            if (next instanceof ContentItem.End) {
                return true;
            }
            if (next instanceof ContentItem.Directory directory) {
                if (!decision.dryRun()) {
                    writer.write(directory.frame());
                }
                continue;
            }
            try (ContentItem.AnyFile file = (ContentItem.AnyFile) next) {
                ResumeDecision.Start start = decision.startOf(file);
                if (start.upToDate() || decision.dryRun()) {
                    tell(writer, file, start);
                    continue;
                }
                if (start.skip() || start.position() > 0) {
                    requester.events().skipped(start.skip() ? 1 : 0, start.skip() ? file.size() : start.position());
                }
                OptionalInt crc = start.skip() ? OptionalInt.of(start.crc32c()) : streamer.send(file, start.position());
                if (crc.isEmpty()) {
                    return false;
                }
                digest.add(file.id(), file.length(), crc.getAsInt(), file.name());
                if (!start.skip()) {
                    moved += file.length() - start.position();
                }
            }
        }
    }

    /**
     * Sends UP_TO_DATE in the place of {@code file}, whose copy the receiver has, or in a dry run
     * the ENTRY of a file that would be sent. Only an UP_TO_DATE of a real session counts.
     */
    private void tell(FrameWriter writer, ContentItem.AnyFile file, ResumeDecision.Start start) throws IOException {
        if (!start.upToDate()) {
            writer.write(new Frame.Entry(false, file.size(), file.mtimeMillis(), file.mode(), file.name()));
            wouldSend++;
            wouldSendBytes += file.size();
            return;
        }
        Frame.Copy copy = start.same();
        writer.write(new Frame.UpToDate(file.id(), copy.size(), copy.crc32c(), copy.name()));
        if (!decision.dryRun()) {
            digest.add(file.id(), copy.size(), copy.crc32c(), copy.name());
            requester.events().skipped(1, copy.size());
        }
    }

    @Override
    public SessionOutcome failed(Failure failure) {
        requester.events().failed(failure.message());
        return outcome(failure.message());
    }

    private SessionOutcome outcome(String problem) {
        if (decision != null && decision.dryRun()) {
            Compared compared = decision.compared(0, 0);
            return SessionOutcome.ofActivity(requester, "dry run: " + Counts.of(wouldSend, "file") + " would be sent ("
                    + Counts.of(wouldSendBytes, "byte") + "), " + compared.upToDate() + " up to date", problem);
        }
        return SessionOutcome.ofFiles(requester, digest, moved, problem, decision == null ? null : decision.summary(),
                decision == null ? Compared.NONE : decision.compared(digest.files(), digest.bytes()));
    }
}
