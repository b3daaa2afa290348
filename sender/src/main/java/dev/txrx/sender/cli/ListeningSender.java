package dev.txrx.sender.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.Credentials;
import dev.txrx.cli.ListeningNotice;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.text.Addresses;
import dev.txrx.cli.report.TransferReporting;
import dev.txrx.cli.report.TransferView;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Durations;
import dev.txrx.common.transport.Threads;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.content.GeneratorSettings;
import dev.txrx.sender.conversation.SessionOutcome;
import dev.txrx.sender.conversation.TrickleSettings;
import dev.txrx.sender.server.SenderServer;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The sender's usual mode: listens, serves each receiver that connects and reports how it ended,
 * until Ctrl-C (then stops the conversations and prints the totals) or, with {@code --once}, after one.
 */
final class ListeningSender {

    private SenderSettings settings;
    private final Credentials credentials;
    private final CommandOutput output;
    private final TransferReporting reporting;
    /** Each connection's view, for its end: a connection's conversation starts and ends on its own thread. */
    private final ThreadLocal<TransferView> views = new ThreadLocal<>();
    private volatile boolean stopping;

    ListeningSender(SenderSettings settings, Credentials credentials, CommandOutput output,
                    TransferReporting reporting) {
        this.settings = settings;
        this.credentials = credentials;
        this.output = output;
        this.reporting = reporting;
    }

    /** Serves until stopped; the exit code. */
    int run() throws IOException {
        Credentials.Listening listening;
        try {
            listening = credentials.listening(settings.sendsFiles(), "sender");
        } catch (IOException | IllegalArgumentException e) {
            output.fail("sender", e.getMessage());
            return ExitCode.FAILED;
        }
        settings = settings.withSecurity(listening.security());
        ContentSource content = ContentOpener.open(settings, SenderServer.CHECKSUM_THREADS, output);
        if (content == null) {
            return ExitCode.FAILED;
        }
        credentials.announce("sender", output);
        SenderServer server;
        try {
            server = SenderServer.open(settings, content);
        } catch (BindException e) {
            output.fail("sender", "cannot listen on " + Addresses.of(settings.bindAddress(), settings.port()) + ": "
                    + e.getMessage());
            return ExitCode.LISTEN_FAILED;
        }
        PrintWriter human = output.human();
        SessionTotals totals = new SessionTotals();
        SessionReport report = new SessionReport(output, settings.once(), !settings.saveGenerated());
        Thread hook = Threads.daemon("shutdown", () -> {
            stopping = true;
            synchronized (human) {
                human.println("sender shutting down: stopping " + Counts.of(server.activeSessions(), "session"));
                human.flush();
            }
            server.shutdown("sender shutting down");
            synchronized (human) {
                human.println("sender stopped; " + totals.line());
                human.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (server) {
            human.println("sender listening on " + Addresses.of(settings.bindAddress(), server.address().getPort())
                    + "; " + offer());
            new ListeningNotice("sender", "receiver", credentials, listening, output)
                    .print(settings.bindAddress(), server.address().getPort());
            human.println("waiting for a receiver" + (settings.once() ? "" : " (Ctrl-C to stop)"));
            human.flush();
            SessionOutcome first = server.serve(new SenderServer.Listener() {
                @Override
                public void started(String peer) {
                    synchronized (human) {
                        human.println("receiver " + peer + " connected");
                        human.flush();
                    }
                }

                @Override
                public TransferEvents events(String peer) {
                    TransferView view = reporting.connection(peer, "receiver " + peer + ": ");
                    views.set(view);
                    return view;
                }

                @Override
                public void finished(SessionOutcome outcome) {
                    OutcomeLog.log(outcome);
                    totals.add(outcome);
                    TransferView view = views.get();
                    views.remove();
                    report.report(outcome, !settings.once() && !stopping, view == null ? TransferView.NONE : view);
                }
            });
            if (settings.once()) {
                return first != null && first.succeeded() ? ExitCode.OK : ExitCode.FAILED;
            }
            return ExitCode.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; it prints the totals
            }
        }
    }

    /** What each receiver gets, for the first line. */
    private String offer() {
        if (settings.trickle() != null) {
            TrickleSettings t = settings.trickle();
            return "streaming bursts of " + t.minBurst() + " to " + t.maxBurst() + " characters every "
                    + Durations.format(t.minPause()) + " to " + Durations.format(t.maxPause()) + " to each receiver";
        }
        if (settings.streams()) {
            return "sending standard input as " + settings.streamName() + " to one receiver";
        }
        if (settings.sendsFiles()) {
            return "sending " + settings.sendPaths().stream().map(Path::toString).collect(Collectors.joining(", "));
        }
        GeneratorSettings files = settings.generator();
        return (settings.saveGenerated() ? "writing to " + settings.outputDir() : "generating in memory, saving nothing")
                + "; " + Counts.of(files.count(), "file") + " of "
                + ByteSizes.format(files.minSize()) + " to " + ByteSizes.format(files.maxSize()) + " per receiver";
    }
}
