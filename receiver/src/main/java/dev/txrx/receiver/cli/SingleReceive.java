package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.report.ProgressDisplay;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.conversation.FilesAnswer;
import dev.txrx.receiver.conversation.ReceiverSettings;
import dev.txrx.receiver.conversation.ReceivingSession;
import dev.txrx.receiver.store.DiskThreads;
import dev.txrx.receiver.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One FILES or GET session in the foreground: a progress bar while files arrive, keys and text
 * for a trickle stream, and the report at the end.
 */
final class SingleReceive {

    private final ReceiverSettings settings;
    private final View view;
    private final StallWatchdog watchdog;
    private final DiskThreads threads;
    private final Interruption interruption;
    private final CommandOutput output;

    /**
     * How the session shows itself while it runs.
     *
     * @param progressBar   whether to draw a progress bar on a terminal
     * @param verbose       whether a trickle stream says more
     * @param statsInterval how often a trickle stream asks for statistics, or null for only on 's'
     * @param keys          where a trickle stream's keys come from
     */
    record View(boolean progressBar, boolean verbose, Duration statsInterval, Supplier<KeySource> keys) {
    }

    SingleReceive(ReceiverSettings settings, View view, StallWatchdog watchdog, DiskThreads threads,
                  Interruption interruption, CommandOutput output) {
        this.settings = settings;
        this.view = view;
        this.watchdog = watchdog;
        this.threads = threads;
        this.interruption = interruption;
        this.output = output;
    }

    /** Receives and reports; the exit code. */
    int run() {
        PrintWriter human = output.human();
        FilesAnswer answer;
        try (ProgressDisplay display = ProgressDisplay.create("receiving", view.progressBar(), System.err);
             KeySource keys = view.keys().get();
             ReceivingSession session = ReceivingSession.open(settings, threads,
                     (files, bytes) -> display.update(bytes, " " + files + " files verified"),
                     new TrickleView(human, view.verbose(), new TrickleKeys(keys, view.statsInterval())))) {
            announce(session.leftover());
            try (Interruption.Registration cancelling = interruption.cancels(session::cancel)) {
                answer = session.receive(settings.connector(ConnectNotices.retries(settings, output)), watchdog);
            }
        } catch (ConnectFailedException e) {
            return ConnectNotices.gaveUp(e, output);
        } catch (InterruptedException e) {
            return ConnectNotices.interrupted(output);
        }
        ReceiveReport.report(answer, interruption.happened(), output);
        if (answer.complete()) {
            return ExitCode.OK;
        }
        return answer.resumable() && !interruption.happened() ? ExitCode.RESUMABLE : ExitCode.FAILED;
    }

    private void announce(Store.Leftover leftover) {
        if (leftover != null) {
            PrintWriter err = output.err();
            err.println("receiver: resuming the interrupted session in " + settings.store().outputDir() + ": "
                    + leftover.verifiedFiles() + " files already verified"
                    + (leftover.partialName() != null ? ", " + leftover.partialName() + " in part" : ""));
            err.flush();
        }
    }
}
