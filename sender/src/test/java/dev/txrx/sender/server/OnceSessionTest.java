package dev.txrx.sender.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.sender.conversation.SessionOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What ends {@code --once}'s one session. */
@Timeout(10)
class OnceSessionTest {

    private static SessionOutcome outcome(boolean confirmed, String problem, boolean refused) {
        TransferSummary none = new TransferSummary("sent", 0, 0, Duration.ZERO, new SessionDigest().digest());
        return new SessionOutcome("127.0.0.1:5000", none, confirmed, problem, false,
                refused ? "refused REQUEST LIST" : null, null, refused);
    }

    @Test
    void aRefusedRequestIsNotTheSessionNorTheOutcomeTheSenderEndsWith() throws Exception {
        OnceSession once = new OnceSession(Duration.ofMillis(1));
        once.started();
        once.ended(outcome(false, "this sender generates its files and has no catalogue", true));
        once.stop();

        assertThat(once.await()).as("no session ran").isNull();
    }

    @Test
    void aSessionThatFailedIsGivenUpWithItsOutcome() throws Exception {
        OnceSession once = new OnceSession(Duration.ofMillis(1));
        SessionOutcome cut = outcome(false, "connection reset", false);
        once.started();
        once.ended(cut);

        assertThat(once.await()).isSameAs(cut);
    }

    /** A stream cannot be resumed: the connection that claimed it ends the session at once, without the wait. */
    @Test
    void aCutStreamEndsTheSessionWithoutWaitingForAResume() throws Exception {
        OnceSession once = new OnceSession(Duration.ofHours(1), () -> true);
        SessionOutcome cut = outcome(false, "connection reset", false);
        once.started();
        once.ended(cut);

        assertThat(once.await()).isSameAs(cut);
    }
}
