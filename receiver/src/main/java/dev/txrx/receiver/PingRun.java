package dev.txrx.receiver;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.RetryNotice;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.cli.report.JsonOutput;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * {@code receiver --ping}: a latency run against the sender, connecting again while it is busy,
 * then the report; with {@code -v} every reply as it arrives.
 */
final class PingRun {

    private final ReceiverSettings settings;
    private final PingSettings run;
    private final boolean verbose;
    private final StallWatchdog watchdog;
    private final CommandOutput output;

    PingRun(ReceiverSettings settings, PingSettings run, boolean verbose, StallWatchdog watchdog,
            CommandOutput output) {
        this.settings = settings;
        this.run = run;
        this.verbose = verbose;
        this.watchdog = watchdog;
        this.output = output;
    }

    /** Runs the pings and prints the report; the exit code. */
    int run() throws InterruptedException {
        String target = settings.host() + ":" + settings.port();
        PrintWriter human = output.human();
        Connector connector = new Connector(settings.retry(), settings.connectTimeout(),
                new RetryNotice("receiver", target, output.err()), duration -> Thread.sleep(duration.toMillis()));
        PingResult result;
        try {
            while (true) {
                SocketChannel socket = connector.connect(settings.host(), settings.port());
                result = new PingSession(socket, target, settings, run, watchdog, reply -> {
                    if (verbose) {
                        synchronized (human) {
                            human.printf(Locale.ROOT, "%s seq=%d id=%s rtt=%.1f us sender-delta=%.3f ms%n",
                                    reply.warmup() ? "warmup" : "reply", reply.sequence(), reply.id(),
                                    reply.rttNanos() / 1e3, reply.senderDeltaNanos() / 1e6);
                        }
                    }
                }).run();
                if (result.problem() == null || !result.problem().startsWith("sender reported BUSY")) {
                    break;
                }
                connector.retryLater(target, result.problem());
            }
        } catch (ConnectFailedException e) {
            output.err().println("receiver: " + e.getMessage() + "; is the sender running?");
            output.err().flush();
            return ExitCode.CONNECT_FAILED;
        }
        PingReport.print(result, run, target, human);
        if (output.json()) {
            JsonOutput.print(output.out(), PingReport.json(result, run, target));
        }
        return result.problem() == null && result.lost() == 0 && result.mismatched() == 0 ? ExitCode.OK
                : ExitCode.FAILED;
    }
}
