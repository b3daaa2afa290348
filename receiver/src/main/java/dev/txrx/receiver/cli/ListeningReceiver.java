package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.Credentials;
import dev.txrx.cli.ListeningNotice;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.text.Addresses;
import dev.txrx.common.transport.Acceptor;
import dev.txrx.receiver.conversation.ReceiverSettings;
import dev.txrx.receiver.conversation.Uploads;
import dev.txrx.receiver.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;

/**
 * {@code receiver --listen}: stores the uploads of senders that connect, and reports each, until Ctrl-C.
 *
 * @param listen      where to listen (with the settings' port), and how many uploads to take at once
 * @param credentials our identity
 * @param listening   how uploads are protected and whom they admit
 */
record ListeningReceiver(RunContext context, ListenOptions listen, Credentials credentials,
                         Credentials.Listening listening) {

    /** Serves until Ctrl-C closes the listener; the exit code. */
    int run() throws IOException {
        ReceiverSettings settings = context.settings();
        CommandOutput output = context.output();
        // no upload is going on yet: a temporary file left by a cut or killed one is an orphan
        Store.removeOrphans(settings.store());
        Acceptor acceptor;
        try {
            acceptor = Uploads.listen(listen.bind, settings, listen.maxClients, context.watchdog());
        } catch (BindException e) {
            output.fail("receiver", "cannot listen on " + Addresses.of(listen.bind, settings.port()) + ": "
                    + e.getMessage());
            return ExitCode.LISTEN_FAILED;
        }
        PrintWriter human = output.human();
        try (acceptor; Interruption.Registration closing = context.interruption().cancels(acceptor::close)) {
            human.println("receiver listening on " + Addresses.of(listen.bind, acceptor.address().getPort())
                    + ", storing uploads in " + settings.store().outputDir() + " (Ctrl-C to stop)");
            human.flush();
            new ListeningNotice("receiver", "sender --connect", credentials, listening, output)
                    .print(listen.bind, acceptor.address().getPort());
            acceptor.serve(new Uploads(settings, context.threads(), (peer, answer) -> {
                OutcomeLog.log(peer, answer);
                synchronized (human) {
                    human.println("upload from " + peer + ":");
                    ReceiveReport.report(answer, context.interruption().happened(), output);
                }
            }));
        }
        return ExitCode.OK;
    }
}
