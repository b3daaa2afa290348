package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.text.Counts;
import dev.txrx.cli.report.TransferView;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.receiver.conversation.FilesAnswer;
import dev.txrx.receiver.conversation.ReceivingSession;
import dev.txrx.receiver.conversation.RefusedRequest;
import dev.txrx.receiver.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One FILES or GET session in the foreground: a progress line while files arrive (and whatever
 * else the output options show of them), keys and text for a trickle stream, and the report at the end.
 *
 * @param view how the session shows itself while it runs
 */
record SingleReceive(RunContext context, View view) {

    /**
     * How the session shows itself while it runs.
     *
     * @param progressBar   whether to draw a progress bar on a terminal
     * @param verbose       whether a trickle stream says more (a line per burst)
     * @param statsInterval how often a trickle stream asks for statistics, or null for only on 's'
     * @param keys          where a trickle stream's keys come from
     */
    record View(boolean progressBar, boolean verbose, Duration statsInterval, Supplier<KeySource> keys) {
    }

    /** Receives and reports; the exit code. */
    int run() {
        CommandOutput output = context.output();
        FilesAnswer answer;
        TransferView shown = context.reporting().foreground("receiving", view.progressBar());
        TransferEvents connectedLine = new TransferEvents() {
            @Override
            public void connected(String peer, String protection) {
                output.human().println("connected to sender " + peer + ", " + protection);
                output.human().flush();
            }
        };
        try (shown; KeySource keys = view.keys().get();
             ReceivingSession session = ReceivingSession.open(context.settings(), context.threads(),
                     TransferEvents.all(List.of(connectedLine, shown)),
                     new TrickleView(output.human(), view.verbose(), new TrickleKeys(keys, view.statsInterval())))) {
            announce(session.leftover());
            try (Interruption.Registration cancelling = context.interruption().cancels(session::cancel)) {
                answer = session.receive(context.connector(), context.watchdog());
            }
            if (answer instanceof RefusedRequest refused) {
                shown.failed(refused.problem());
                return ConnectNotices.refused(refused, output);
            }
            boolean interrupted = context.interruption().happened();
            OutcomeLog.log(context.settings().target(), answer);
            ReceiveReport.reportLast(answer, interrupted, output, context.settings().store().discard(), shown);
            if (answer.complete()) {
                return ExitCode.OK;
            }
            if (answer.streamCut() && !interrupted) {
                return ExitCode.STREAM_CUT;
            }
            return answer.resumable() && !interrupted ? ExitCode.RESUMABLE : ExitCode.FAILED;
        } catch (ConnectFailedException e) {
            shown.failed(e.getMessage());
            return ConnectNotices.gaveUp(e, output);
        } catch (InterruptedException e) {
            return ConnectNotices.interrupted(output);
        }
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
