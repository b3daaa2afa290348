package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.transport.Acceptor;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.conversation.ReceiverSettings;
import dev.txrx.receiver.conversation.Uploads;
import dev.txrx.receiver.store.DiskThreads;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;

/** {@code receiver --listen}: stores the uploads of senders that connect, and reports each, until Ctrl-C. */
final class ListeningReceiver {

    private final ReceiverSettings settings;
    private final String bind;
    private final int maxClients;
    private final StallWatchdog watchdog;
    private final DiskThreads threads;
    private final Interruption interruption;
    private final CommandOutput output;

    /** Listens on {@code bind} and {@code settings.port()}, taking {@code maxClients} uploads at once. */
    ListeningReceiver(ReceiverSettings settings, String bind, int maxClients, StallWatchdog watchdog,
                      DiskThreads threads, Interruption interruption, CommandOutput output) {
        this.settings = settings;
        this.bind = bind;
        this.maxClients = maxClients;
        this.watchdog = watchdog;
        this.threads = threads;
        this.interruption = interruption;
        this.output = output;
    }

    /** Serves until Ctrl-C closes the listener; the exit code. */
    int run() throws IOException {
        Acceptor acceptor;
        try {
            acceptor = Uploads.listen(bind, settings, maxClients, watchdog);
        } catch (BindException e) {
            output.err().println("receiver: cannot listen on " + bind + ":" + settings.port() + ": " + e.getMessage());
            output.err().flush();
            return ExitCode.LISTEN_FAILED;
        }
        PrintWriter human = output.human();
        try (acceptor; Interruption.Registration closing = interruption.cancels(acceptor::close)) {
            human.println("receiver listening on " + bind + ":" + acceptor.address().getPort() + ", storing uploads in "
                    + settings.store().outputDir() + " (Ctrl-C to stop)");
            human.flush();
            acceptor.serve(new Uploads(settings, threads, (peer, answer) -> {
                synchronized (human) {
                    human.println("upload from " + peer + ":");
                    ReceiveReport.report(answer, interruption.happened(), output);
                }
            }));
        }
        return ExitCode.OK;
    }
}
