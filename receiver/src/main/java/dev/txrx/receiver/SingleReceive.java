package dev.txrx.receiver;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.cli.report.ProgressDisplay;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One receiving session in the foreground: a progress bar while files arrive, keys for a trickle
 * stream, and the report at the end.
 */
final class SingleReceive {

    private final ReceiverSettings settings;
    private final StallWatchdog watchdog;
    private final Interruption interruption;
    private final CommandOutput output;
    private final View view;

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

    SingleReceive(ReceiverSettings settings, View view, StallWatchdog watchdog, Interruption interruption,
                  CommandOutput output) {
        this.settings = settings;
        this.view = view;
        this.watchdog = watchdog;
        this.interruption = interruption;
        this.output = output;
    }

    /** Receives and reports; the exit code. */
    int run() {
        PrintWriter human = output.human();
        ReceiveResult result;
        try (ProgressDisplay display = ProgressDisplay.create("receiving", view.progressBar(), System.err);
             KeySource keySource = view.keys().get()) {
            TrickleView trickle = new TrickleView(human, view.verbose(), keySource, view.statsInterval());
            result = new RetryingReceiver(settings, watchdog, interruption, output.err(), true).receive(
                    (files, bytes) -> display.update(bytes, " " + files + " files verified"), trickle);
        } catch (ConnectFailedException e) {
            PrintWriter err = output.err();
            err.println("receiver: " + e.getMessage() + "; is the sender running?");
            err.flush();
            return ExitCode.CONNECT_FAILED;
        } catch (InterruptedException e) {
            human.println("receiver: interrupted before a session started");
            human.flush();
            return ExitCode.INTERRUPTED;
        }
        ReceiveReport.report(result, settings.request().kind() == RequestKind.LIST, interruption.happened(), output);
        if (result.verified() && result.missing().isEmpty()) {
            return ExitCode.OK;
        }
        return result.resumable() && !interruption.happened() ? ExitCode.RESUMABLE : ExitCode.FAILED;
    }
}
