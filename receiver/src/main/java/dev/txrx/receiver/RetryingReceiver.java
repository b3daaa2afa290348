package dev.txrx.receiver;

import dev.txrx.cli.RetryNotice;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.protocol.RequestKind;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;

/**
 * Receives one session from the sender: connects within the retry budget, which a busy sender
 * also spends, and after a lost connection or a file that failed its checksum connects again and
 * resumes where it stopped. A FILES or GET session saves its resume state in the output directory,
 * so that the next run goes on after Ctrl-C or a spent budget.
 */
final class RetryingReceiver {

    private final ReceiverSettings settings;
    private final StallWatchdog watchdog;
    private final Interruption interruption;
    private final PrintWriter err;
    private final boolean announce;

    /**
     * A receiver for {@code settings}; with {@code announce} it prints each failed attempt and a
     * resumption to {@code err}.
     */
    RetryingReceiver(ReceiverSettings settings, StallWatchdog watchdog, Interruption interruption, PrintWriter err,
                     boolean announce) {
        this.settings = settings;
        this.watchdog = watchdog;
        this.interruption = interruption;
        this.err = err;
        this.announce = announce;
    }

    /** Connects and runs the session until it ends, is interrupted, or the budget runs out. */
    ReceiveResult receive(ReceiverSession.Progress progress, TrickleView trickle)
            throws ConnectFailedException, InterruptedException {
        String target = settings.host() + ":" + settings.port();
        Connector connector = new Connector(settings.retry(), settings.connectTimeout(),
                announce ? new RetryNotice("receiver", target, err) : (attempt, left, reason, delay) -> { },
                duration -> Thread.sleep(duration.toMillis()));
        ResumeState resume = resumeState(target);
        if (resume.session() != null && announce) {
            err.println("receiver: resuming the interrupted session in " + settings.outputDir() + ": "
                    + resume.verified().size() + " files already verified"
                    + (resume.partial() != null ? ", " + resume.partial().name() + " in part" : ""));
            err.flush();
        }
        try {
            return receiveWith(resume, connector, target, progress, trickle);
        } finally {
            resume.close();
        }
    }

    private ReceiveResult receiveWith(ResumeState resume, Connector connector, String target,
                                      ReceiverSession.Progress progress, TrickleView trickle)
            throws ConnectFailedException, InterruptedException {
        ReceiveResult last = null;
        while (true) {
            SocketChannel socket;
            try {
                socket = connector.connect(settings.host(), settings.port());
            } catch (ConnectFailedException e) {
                if (last == null) {
                    throw e;
                }
                // Connected before, so what arrived is kept and the next run resumes it.
                return last.withProblem(last.problem() + "; " + e.getMessage()
                        + "; run the same command again to resume");
            }
            ReceiveResult result = interruption.run(
                    new ReceiverSession(socket, target, settings, watchdog, progress, trickle, resume));
            if (result.verified()) {
                resume.finished();
            }
            if (interruption.happened()) {
                return result;
            }
            if (result.resumable()) {
                // A lost connection, or a file that failed its checksum: go on where it stopped.
                last = result.withReconnections(resume.reconnections() + 1, resume.resentBytes());
                resume.reconnected();
                try {
                    connector.retryLater(target, result.problem());
                } catch (ConnectFailedException e) {
                    return last.withProblem(last.problem() + "; " + e.getMessage()
                            + "; run the same command again to resume");
                }
                continue;
            }
            if (!result.senderBusy()) {
                return result.withReconnections(resume.reconnections(), resume.resentBytes());
            }
            connector.retryLater(target, result.problem());
        }
    }

    /** The resume state of a FILES or GET session: saved in the output directory, or in memory with --discard. */
    private ResumeState resumeState(String target) {
        String request = settings.request().kind() + " " + String.join("\n", settings.request().names());
        if (settings.discard() || !(settings.request().kind() == RequestKind.FILES
                || settings.request().kind() == RequestKind.GET)) {
            return ResumeState.inMemory(target, request);
        }
        return ResumeState.open(settings.outputDir(), target, request);
    }
}
