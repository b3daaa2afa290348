package dev.txrx.receiver;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.transport.StallWatchdog;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;

/** {@code receiver --listen}: stores the uploads of senders that connect, and reports each, until Ctrl-C. */
final class ListeningReceiver {

    private final ReceiverSettings settings;
    private final String bind;
    private final int maxClients;
    private final StallWatchdog watchdog;
    private final Interruption interruption;
    private final CommandOutput output;

    /** Listens on {@code bind} and {@code settings.port()}, taking {@code maxClients} uploads at once. */
    ListeningReceiver(ReceiverSettings settings, String bind, int maxClients, StallWatchdog watchdog,
                      Interruption interruption, CommandOutput output) {
        this.settings = settings;
        this.bind = bind;
        this.maxClients = maxClients;
        this.watchdog = watchdog;
        this.interruption = interruption;
        this.output = output;
    }

    /** Serves until the server closes; the exit code. */
    int run() throws IOException {
        UploadServer server;
        try {
            server = UploadServer.open(bind, settings, maxClients, watchdog);
        } catch (BindException e) {
            output.err().println("receiver: cannot listen on " + bind + ":" + settings.port() + ": " + e.getMessage());
            output.err().flush();
            return ExitCode.LISTEN_FAILED;
        }
        interruption.closeOnInterrupt(server);
        PrintWriter human = output.human();
        try (server) {
            human.println("receiver listening on " + bind + ":" + server.address().getPort() + ", storing uploads in "
                    + settings.outputDir() + " (Ctrl-C to stop)");
            human.flush();
            server.serve((peer, result) -> {
                synchronized (human) {
                    human.println("upload from " + peer + ":");
                    ReceiveReport.report(result, false, interruption.happened(), output);
                }
            });
        }
        return ExitCode.OK;
    }
}
