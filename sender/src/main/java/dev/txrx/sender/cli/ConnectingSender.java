package dev.txrx.sender.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.Credentials;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.RetryNotice;
import dev.txrx.common.text.Addresses;
import dev.txrx.cli.report.TransferReporting;
import dev.txrx.cli.report.TransferView;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.Ended;
import dev.txrx.common.transport.Failure;
import dev.txrx.common.transport.RetryPolicy;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.Threads;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.conversation.Offer;
import dev.txrx.sender.conversation.RequestDispatcher;
import dev.txrx.sender.conversation.SessionOutcome;
import dev.txrx.sender.conversation.SessionRegistry;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code sender --connect}: connects to a listening receiver within one budget of attempts, which a
 * busy receiver also spends, and uploads in one session, which may span connections: after a
 * lost connection it connects again and resumes, naming the session in its HELLO. The session's id
 * is kept in an {@link UploadState} until the receiver confirms it, so that the next run resumes
 * it too. Ctrl-C or SIGTERM stops the conversation cleanly and prints the totals.
 */
final class ConnectingSender implements Connector.Attempts<SessionOutcome> {

    /** One receiver at a time: its files' checksums need few threads. */
    private static final int CHECKSUM_THREADS = 2;
    /** How long Ctrl-C waits for the report once the conversation has stopped. */
    private static final Duration REPORT_WAIT = Duration.ofSeconds(3);

    private SenderSettings settings;
    private final Credentials credentials;
    private final InetSocketAddress receiver;
    private final String target;
    private final RetryPolicy retry;
    private final Duration connectTimeout;
    private final CommandOutput output;
    private final UploadState state;
    /** What is shown of the upload as it goes: a progress line in a terminal, and what the options ask for. */
    private final TransferView view;
    /** Counted down once the report is printed, for the shutdown hook to wait for. */
    private final CountDownLatch reported = new CountDownLatch(1);
    /** Counted down by Ctrl-C: it cuts short a pause between attempts. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Offer offer;
    /** The conversation of the latest connection, for the shutdown hook to stop. */
    private volatile RequestDispatcher current;

    ConnectingSender(SenderSettings settings, Credentials credentials, InetSocketAddress receiver, RetryPolicy retry,
                     Duration connectTimeout, CommandOutput output, TransferReporting reporting, boolean bar) {
        this.settings = settings;
        this.credentials = credentials;
        this.receiver = receiver;
        this.target = Addresses.of(receiver.getHostString(), receiver.getPort());
        this.retry = retry;
        this.connectTimeout = connectTimeout;
        this.output = output;
        this.state = UploadState.open(Path.of("").toAbsolutePath(), target, settings);
        this.view = reporting.foreground("sending", bar);
    }

    /** Connects, sends and reports; the exit code. */
    int run() throws InterruptedException {
        PrintWriter err = output.err();
        try {
            settings = settings.withSecurity(credentials.connecting("receiver", notice -> {
                err.println("sender: " + notice);
                err.flush();
            }));
        } catch (IOException | IllegalArgumentException e) {
            output.fail("sender", e.getMessage());
            return ExitCode.FAILED;
        }
        ContentSource content = ContentOpener.open(settings, CHECKSUM_THREADS, output);
        if (content == null) {
            return ExitCode.FAILED;
        }
        credentials.announce("sender", output);
        Connector connector = new Connector(retry, connectTimeout, new RetryNotice("sender", target, err),
                this::pause);
        offer = offer(content);
        Thread hook = Threads.daemon("shutdown", this::stopCurrent);
        Runtime.getRuntime().addShutdownHook(hook);
        try (content; view; StallWatchdog watchdog = new StallWatchdog()) {
            SessionOutcome outcome = connector.converse(receiver.getHostString(), receiver.getPort(),
                    settings.connection(), watchdog, this);
            OutcomeLog.log(outcome);
            new SessionReport(output, true, !settings.saveGenerated()).report(outcome, false, view);
            if (outcome.succeeded()) {
                state.completed();
                return ExitCode.OK;
            }
            resumeHint(err);
            return ExitCode.FAILED;
        } catch (ConnectFailedException e) {
            view.failed(e.getMessage());
            // A receiver that stayed busy, or refused us, was listening; any other failure may mean it is not.
            output.fail("sender", e.getMessage() + (e.peerMayBeDown()
                    ? "; is the receiver listening (receiver --listen)?" : ""));
            resumeHint(err);
            return ExitCode.of(e);
        } catch (InterruptedException e) {
            output.fail("sender", "interrupted");
            resumeHint(err);
            return ExitCode.INTERRUPTED;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is stopping the conversation
            }
        }
    }

    /** The offer of {@code content}, with the session an earlier run left to resume. */
    private Offer offer(ContentSource content) {
        Offer plain = settings.offer(content);
        SessionRegistry sessions = new SessionRegistry(state::started);
        UUID saved = state.session();
        if (saved != null) {
            sessions.remember(saved, state.seed());
        }
        return new Offer(plain.content(), sessions, plain.seed(), plain.bytesPerSecond(), plain.trickle());
    }

    /** The conversation for a new connection, said on the console. */
    @Override
    public Conversation<SessionOutcome> next() {
        PrintWriter human = output.human();
        human.println("connected to receiver " + target + (state.session() == null ? "; sending"
                : "; resuming upload session " + state.session()));
        human.flush();
        current = new RequestDispatcher(offer, target, view);
        return current;
    }

    @Override
    public UUID session() {
        return state.session();
    }

    /** A lost connection is resumed over the next one, unless Ctrl-C came or it carried a stream. */
    @Override
    public boolean again(Ended<SessionOutcome> ended) {
        // a stream that started cannot be read again: its loss is the end
        return stopped.getCount() > 0 && ended.failure() instanceof Failure.ConnectionLost && !offer.content().spent();
    }

    /** The budget ran out while connecting again: the last connection's outcome is the session's. */
    @Override
    public SessionOutcome gaveUp(Ended<SessionOutcome> last, ConnectFailedException why) {
        output.err().println("sender: " + why.getMessage());
        return last.result();
    }

    private void resumeHint(PrintWriter err) {
        if (state.session() != null) {
            err.println("sender: run the same command again, in the same directory, to resume the upload");
        }
        err.flush();
    }

    /** The pause between attempts, cut short by Ctrl-C. */
    private void pause(Duration delay) throws InterruptedException {
        if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("stopped");
        }
    }

    /**
     * Ctrl-C or SIGTERM: stops the conversation, giving it time to send its SESSION_END, then
     * holds the JVM until the totals are printed.
     */
    private void stopCurrent() {
        stopped.countDown();
        RequestDispatcher conversation = current;
        try {
            if (conversation != null) {
                conversation.stop("sender shutting down");
                conversation.awaitEnd(RequestDispatcher.STOP_GRACE.plus(Duration.ofSeconds(1)));
            }
            reported.await(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ignored) {
            // exit regardless
        }
    }
}
