package dev.txrx.sender.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.RetryNotice;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.transport.Conversation;
import dev.txrx.common.transport.RetryPolicy;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.Threads;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.conversation.Offer;
import dev.txrx.sender.conversation.RequestDispatcher;
import dev.txrx.sender.conversation.SessionOutcome;
import dev.txrx.sender.server.SenderSettings;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * {@code sender --connect}: connects to a listening receiver within one budget of attempts, which a
 * busy receiver also spends, and runs one conversation with it. Ctrl-C or SIGTERM stops that
 * conversation cleanly.
 */
final class ConnectingSender {

    /** One receiver at a time: its files' checksums need few threads. */
    private static final int CHECKSUM_THREADS = 2;

    private final SenderSettings settings;
    private final InetSocketAddress receiver;
    private final RetryPolicy retry;
    private final Duration connectTimeout;
    private final CommandOutput output;
    /** The conversation of the latest connection, for the shutdown hook to stop. */
    private volatile RequestDispatcher current;

    ConnectingSender(SenderSettings settings, InetSocketAddress receiver, RetryPolicy retry, Duration connectTimeout,
                     CommandOutput output) {
        this.settings = settings;
        this.receiver = receiver;
        this.retry = retry;
        this.connectTimeout = connectTimeout;
        this.output = output;
    }

    /** Connects, sends and reports; the exit code. */
    int run() throws InterruptedException {
        PrintWriter err = output.err();
        ContentSource content = ContentOpener.open(settings, CHECKSUM_THREADS, err);
        if (content == null) {
            return ExitCode.FAILED;
        }
        String target = receiver.getHostString() + ":" + receiver.getPort();
        Connector connector = new Connector(retry, connectTimeout, new RetryNotice("sender", target, err),
                duration -> Thread.sleep(duration.toMillis()));
        Offer offer = settings.offer(content);
        Thread hook = Threads.daemon("shutdown", this::stopCurrent);
        Runtime.getRuntime().addShutdownHook(hook);
        try (content; StallWatchdog watchdog = new StallWatchdog()) {
            SessionOutcome outcome = connector.converse(receiver.getHostString(), receiver.getPort(),
                    settings.connection(), watchdog, () -> next(offer, target));
            new SessionReport(output).report(outcome, false);
            return outcome.succeeded() ? ExitCode.OK : ExitCode.FAILED;
        } catch (ConnectFailedException e) {
            // A receiver that stayed busy was listening; any other failure may mean it is not.
            err.println("sender: " + e.getMessage()
                    + (e.peerBusy() ? "" : "; is the receiver listening (receiver --listen)?"));
            err.flush();
            return ExitCode.CONNECT_FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is stopping the conversation
            }
        }
    }

    /** The conversation for a new connection, said on the console. */
    private Conversation<SessionOutcome> next(Offer offer, String target) {
        PrintWriter human = output.human();
        human.println("connected to receiver " + target + "; sending");
        human.flush();
        current = new RequestDispatcher(offer, target);
        return current;
    }

    /** Ctrl-C or SIGTERM: stops the conversation, giving it time to send its SESSION_END before the JVM goes. */
    private void stopCurrent() {
        RequestDispatcher conversation = current;
        if (conversation == null) {
            return;
        }
        conversation.stop("sender shutting down");
        try {
            conversation.awaitEnd(RequestDispatcher.STOP_GRACE.plus(Duration.ofSeconds(1)));
        } catch (InterruptedException ignored) {
            // exit regardless
        }
    }
}
