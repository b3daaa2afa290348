package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.report.ProgressDisplay;
import dev.txrx.common.text.Counts;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.receiver.conversation.FilesAnswer;
import dev.txrx.receiver.conversation.Progress;
import dev.txrx.receiver.conversation.ReceivingSession;
import dev.txrx.receiver.conversation.RefusedRequest;
import dev.txrx.receiver.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One FILES or GET session in the foreground: a progress bar while files arrive, keys and text
 * for a trickle stream, and the report at the end.
 *
 * @param view how the session shows itself while it runs
 */
record SingleReceive(RunContext context, View view) {

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

    /** Receives and reports; the exit code. */
    int run() {
        CommandOutput output = context.output();
        FilesAnswer answer;
        try (ProgressDisplay display = ProgressDisplay.create("receiving", view.progressBar(), System.err);
             KeySource keys = view.keys().get();
             ReceivingSession session = ReceivingSession.open(context.settings(), context.threads(),
                     new Progress() {
                         @Override
                         public void update(long files, long bytes) {
                             display.update(bytes, " " + Counts.of(files, "file") + " verified");
                         }

                         @Override
                         public void connected(String peer, String protection) {
                             output.human().println("connected to sender " + peer + ", " + protection);
                             output.human().flush();
                         }
                     },
                     new TrickleView(output.human(), view.verbose(), new TrickleKeys(keys, view.statsInterval())))) {
            announce(session.leftover());
            try (Interruption.Registration cancelling = context.interruption().cancels(session::cancel)) {
                answer = session.receive(context.connector(), context.watchdog());
            }
        } catch (ConnectFailedException e) {
            return ConnectNotices.gaveUp(e, output);
        } catch (InterruptedException e) {
            return ConnectNotices.interrupted(output);
        }
        if (answer instanceof RefusedRequest refused) {
            return ConnectNotices.refused(refused, output);
        }
        boolean interrupted = context.interruption().happened();
        OutcomeLog.log(context.settings().target(), answer);
        ReceiveReport.reportLast(answer, interrupted, output, context.settings().store().discard());
        if (answer.complete()) {
            return ExitCode.OK;
        }
        return answer.resumable() && !interrupted ? ExitCode.RESUMABLE : ExitCode.FAILED;
    }

    private void announce(Store.Leftover leftover) {
        if (leftover != null) {
            PrintWriter err = context.output().err();
            err.println("receiver: resuming the interrupted session in " + context.settings().store().outputDir()
                    + ": " + Counts.of(leftover.verifiedFiles(), "file") + " already verified"
                    + (leftover.partialName() != null ? ", " + leftover.partialName() + " in part" : ""));
            err.flush();
        }
    }
}
