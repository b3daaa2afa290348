package dev.txrx.sender;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.RetryNotice;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.transport.RetryPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code sender --connect}: connects to a listening receiver within one budget of attempts, which a
 * busy receiver also spends, and runs one session with it.
 */
final class ConnectingSender {

    private final SenderSettings settings;
    private final InetSocketAddress receiver;
    private final RetryPolicy retry;
    private final Duration connectTimeout;
    private final CommandOutput output;

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
        PrintWriter human = output.human();
        if (!SenderServer.createOutputDirectory(settings, err)) {
            return ExitCode.FAILED;
        }
        String target = receiver.getHostString() + ":" + receiver.getPort();
        Connector connector = new Connector(retry, connectTimeout, new RetryNotice("sender", target, err),
                duration -> Thread.sleep(duration.toMillis()));
        ExecutorService checksums = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "checksum");
            thread.setDaemon(true);
            return thread;
        });
        try (StallWatchdog watchdog = new StallWatchdog()) {
            ContentSource source = SenderServer.contentSource(settings, checksums);
            SessionRegistry sessions = new SessionRegistry();
            while (true) {
                SocketChannel socket;
                try {
                    socket = connector.connect(receiver.getHostString(), receiver.getPort());
                } catch (ConnectFailedException e) {
                    err.println("sender: " + e.getMessage() + "; is the receiver listening (receiver --listen)?");
                    err.flush();
                    return ExitCode.CONNECT_FAILED;
                }
                human.println("connected to receiver " + target + "; sending");
                human.flush();
                SessionOutcome outcome = sendOnce(new SenderSession(socket, target, settings, watchdog, source, sessions));
                if (!outcome.peerBusy()) {
                    new SessionReport(output, () -> false).report(outcome);
                    return outcome.succeeded() ? ExitCode.OK : ExitCode.FAILED;
                }
                try {
                    // A busy receiver costs an attempt of the same budget as a refused connection.
                    connector.retryLater(target, outcome.problem());
                } catch (ConnectFailedException e) {
                    err.println("sender: " + e.getMessage());
                    err.flush();
                    return ExitCode.CONNECT_FAILED;
                }
            }
        } finally {
            checksums.shutdownNow();
        }
    }

    /** Runs one session, stopping it cleanly on Ctrl-C or SIGTERM. */
    private static SessionOutcome sendOnce(SenderSession session) {
        CountDownLatch ended = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            session.stop("sender shutting down");
            try {
                // Give the session time to send its SESSION_END before the JVM goes.
                ended.await(SenderSettings.STOP_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // exit regardless
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return session.run();
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is stopping the session
            }
        }
    }
}
