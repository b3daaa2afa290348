package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.transport.ConnectFailedException;
import java.io.PrintWriter;

/** What the receiver tells the person when it could not get a session going. */
final class ConnectNotices {

    private ConnectNotices() {
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
