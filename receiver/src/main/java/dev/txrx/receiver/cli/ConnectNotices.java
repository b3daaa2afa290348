package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.RetryNotice;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.receiver.conversation.ReceiverSettings;
import java.io.PrintWriter;

/** What the receiver tells the person about reaching the sender: each failed attempt, and how it gave up. */
final class ConnectNotices {

    private ConnectNotices() {
    }

    /** Prints each failed attempt to reach the sender of {@code settings}. */
    static Connector.Listener retries(ReceiverSettings settings, CommandOutput output) {
        return new RetryNotice("receiver", settings.target(), output.err());
    }

    /** No connection got through: says so; the exit code. */
    static int gaveUp(ConnectFailedException e, CommandOutput output) {
        PrintWriter err = output.err();
        err.println("receiver: " + e.getMessage() + "; is the sender running?");
        err.flush();
        return ExitCode.CONNECT_FAILED;
    }

    /** Ctrl-C came while no connection had got through yet: says so; the exit code. */
    static int interrupted(CommandOutput output) {
        PrintWriter human = output.human();
        human.println("receiver: interrupted before a session started");
        human.flush();
        return ExitCode.INTERRUPTED;
    }
}
