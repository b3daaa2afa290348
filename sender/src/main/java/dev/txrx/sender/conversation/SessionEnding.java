package dev.txrx.sender.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Reasons;
import dev.txrx.common.transport.PeerConnection;
import java.io.IOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a session's connection ends once its files or catalogue went out: SESSION_END with the
 * sender's totals and digest, then the receiver's SESSION_CONFIRM.
 */
final class SessionEnding {

    private static final Logger log = LoggerFactory.getLogger(SessionEnding.class);

    private SessionEnding() {
    }

    /**
     * Everything was sent: SESSION_END COMPLETE, then the receiver's confirmation.
     *
     * @return why the receiver did not confirm the totals and digest of {@code digest}, or null when it did
     */
    static String complete(PeerConnection connection, SessionDigest digest) throws IOException {
        String peer = connection.peer();
        connection.writer().write(new Frame.SessionEnd(SessionStatus.COMPLETE, digest.files(), digest.bytes(),
                digest.digest(), ""));
        connection.expectIdle("waiting for SESSION_CONFIRM from " + peer);
        Frame.SessionConfirm confirm = connection.read(Frame.SessionConfirm.class, "SESSION_CONFIRM");
        boolean agrees = confirm.verified() && confirm.files() == digest.files() && confirm.bytes() == digest.bytes()
                && Arrays.equals(confirm.digest(), digest.digest());
        if (agrees) {
            return null;
        }
        String problem = "receiver did not verify the session: it counted "
                + Counts.of(confirm.files(), "file") + ", " + Counts.of(confirm.bytes(), "byte") + (confirm.verified() ? "" : " and reported a mismatch");
        log.warn("receiver {}: {}", peer, problem);
        return problem;
    }

    /**
     * The conversation was asked to stop: SESSION_END ABORTED with {@code reason}, then a moment,
     * at most {@link RequestDispatcher#STOP_GRACE}, for the receiver to confirm what it has.
     */
    static void aborted(PeerConnection connection, SessionDigest digest, String reason) throws IOException {
        String peer = connection.peer();
        connection.writer().write(new Frame.SessionEnd(SessionStatus.ABORTED, digest.files(), digest.bytes(),
                digest.digest(), reason));
        connection.expectWithin("waiting for SESSION_CONFIRM from " + peer + " after stopping",
                RequestDispatcher.STOP_GRACE);
        try {
            if (connection.reader().next() instanceof Frame.SessionConfirm confirm) {
                log.info("receiver {} confirmed {} files before the stop", peer, confirm.files());
            }
        } catch (IOException e) {
            log.debug("receiver {}: no confirmation after the stop: {}", peer, Reasons.of(e));
        }
    }
}
