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
        // a sender that refused us, or stayed busy, was running
        err.println("receiver: " + e.getMessage() + (e.refused() != null || e.peerBusy() ? ""
                : "; is the sender running?"));
        err.flush();
        return ExitCode.of(e);
    }

    /** Ctrl-C came while no connection had got through yet: says so; the exit code. */
    static int interrupted(CommandOutput output) {
        PrintWriter human = output.human();
        human.println("receiver: interrupted before a session started");
        human.flush();
        return ExitCode.INTERRUPTED;
    }
}
