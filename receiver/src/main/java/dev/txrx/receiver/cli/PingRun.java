package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.receiver.conversation.Call;
import dev.txrx.receiver.conversation.PingConversation;
import dev.txrx.receiver.conversation.PingResult;
import dev.txrx.receiver.conversation.PingSettings;
import dev.txrx.receiver.conversation.ReceiverSettings;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code receiver --ping}: a latency run against the sender, connecting again while it is busy,
 * then the report; with {@code -v} every reply as it arrives.
 *
 * @param ping    the run's pings
 * @param verbose whether every reply is shown
 */
record PingRun(RunContext context, PingSettings ping, boolean verbose) {

    /** Runs the pings and prints the report; the exit code. */
    int run() throws InterruptedException {
        ReceiverSettings settings = context.settings();
        CommandOutput output = context.output();
        PrintWriter human = output.human();
        Call<PingResult> call = new Call<>(() -> new PingConversation(settings.target(), ping,
                verbose ? reply -> show(reply, human) : PingConversation.Replies.NONE));
        PingResult result;
        try (Interruption.Registration cancelling = context.interruption().cancels(call::cancel)) {
            // a ping is small: the smallest reader buffer keeps its bytes in the cache
            result = call.run(context.connector(), settings,
                    settings.connection().withReadBuffer(FrameReader.MIN_BUFFER_SIZE), context.watchdog());
        } catch (ConnectFailedException e) {
            return ConnectNotices.gaveUp(e, output);
        }
        OutcomeLog.log(settings.target(), result);
        PingReport.print(result, ping, settings.target(), human);
        String error = PingReport.error(result);
        output.result().summary(PingReport.json(result, ping, settings.target()), error);
        return error == null ? ExitCode.OK : ExitCode.FAILED;
    }

    private static void show(PingConversation.Reply reply, PrintWriter human) {
        synchronized (human) {
            human.printf(Locale.ROOT, "%s seq=%d id=%s rtt=%.1f us sender-delta=%.3f ms%n",
                    reply.warmup() ? "warmup" : "reply", reply.sequence(), reply.id(),
                    reply.rttNanos() / 1e3, reply.senderDeltaNanos() / 1e6);
        }
    }
}
