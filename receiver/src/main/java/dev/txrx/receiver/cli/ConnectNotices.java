package dev.txrx.receiver.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.receiver.conversation.RefusedRequest;
import java.io.PrintWriter;

/** What the receiver tells the person when it could not get a session going. */
final class ConnectNotices {

    private ConnectNotices() {
    }

    /** No connection got through: says so; the exit code. */
    static int gaveUp(ConnectFailedException e, CommandOutput output) {
        // a sender that refused us, or stayed busy, was running; a name that does not resolve is a typo
        output.fail("receiver", e.getMessage() + (e.peerMayBeDown() ? "; is the sender running?" : ""));
        return ExitCode.of(e);
    }

    /**
     * The sender refused the request (a sender that generates its files has no catalogue): its
     * reason in one line, on stderr, and with {@code --json} the run's object says so; the exit
     * code, {@link ExitCode#FAILED}.
     */
    static int refused(RefusedRequest refused, CommandOutput output) {
        ObjectNode node = JsonOutput.object();
        node.put("role", "receiver");
        output.result().summary(node, refused.problem());
        PrintWriter err = output.err();
        err.println("receiver: " + refused.reason());
        err.flush();
        return ExitCode.FAILED;
    }

    /** Ctrl-C came while no connection had got through yet: says so; the exit code. */
    static int interrupted(CommandOutput output) {
        output.result().failed("interrupted before a session started");
        PrintWriter human = output.human();
        human.println("receiver: interrupted before a session started");
        human.flush();
        return ExitCode.INTERRUPTED;
    }
}
