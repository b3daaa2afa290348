package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.Credentials;
import dev.txrx.cli.ListeningNotice;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.text.Addresses;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.cli.report.TransferView;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.receiver.conversation.FilesResult;
import dev.txrx.common.transport.Acceptor;
import dev.txrx.receiver.conversation.ReceiverSettings;
import dev.txrx.receiver.conversation.Uploads;
import dev.txrx.receiver.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;

/**
 * {@code receiver --listen}: stores the uploads of senders that connect, and reports each in one
 * line (with {@code -v} also a line per file, with {@code --json-stream} its events), until Ctrl-C.
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
            acceptor.serve(new Uploads(settings, context.threads(), this::upload));
        }
        return ExitCode.OK;
    }

    /** How the upload from {@code peer} is shown as it goes, and reported in one line when it ends. */
    private Uploads.Upload upload(String peer) {
        TransferView view = context.reporting().connection(peer, "upload from " + peer + ": ");
        CommandOutput output = context.output();
        return new Uploads.Upload(view, answer -> {
            OutcomeLog.log(peer, answer);
            ObjectNode summary = answer instanceof FilesResult files ? ReceiveReport.json(files) : null;
            if (summary != null) {
                view.ended(summary);
            }
            PrintWriter human = output.human();
            synchronized (human) {
                human.println(ReceiveReport.uploadLine(peer, answer, context.interruption().happened()));
                human.flush();
            }
            if (output.json() && summary != null) {
                synchronized (output.out()) {
                    JsonOutput.print(output.out(), summary);
                }
            }
        });
    }
}
