package dev.txrx.it;

import dev.txrx.receiver.cli.KeySource;
import dev.txrx.receiver.cli.ReceiverMain;
import dev.txrx.sender.cli.SenderMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the receiver's (or the sender's) command line, with what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun receiver(String... args) {
        return receiver(null, args);
    }

    /** Like {@link #receiver(String...)}, with a trickle stream's keys from {@code keys} instead of the terminal. */
    static CommandRun receiver(KeySource keys, String... args) {
        return run(App.RECEIVER, keys, TestSecurity.withCredentials(args));
    }

    /** One in-process run of the sender's command line, such as {@code --connect HOST:PORT --send PATH}. */
    static CommandRun sender(String... args) {
        return run(App.SENDER, null, TestSecurity.withCredentials(args));
    }

    /** The receiver with an identity of its own and no token: to be refused, or to need none. */
    static CommandRun receiverWithoutToken(String... args) {
        return run(App.RECEIVER, null, TestSecurity.withIdentityOnly(args));
    }

    /** The sender with an identity of its own and no token. */
    static CommandRun senderWithoutToken(String... args) {
        return run(App.SENDER, null, TestSecurity.withIdentityOnly(args));
    }

    private enum App { SENDER, RECEIVER }

    /** Runs {@code app} with exactly {@code args}; the receiver's keys from {@code keys}, or the terminal's if null. */
    private static CommandRun run(App app, KeySource keys, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine command = app == App.SENDER ? SenderMain.newCommandLine(o, e)
                : keys == null ? ReceiverMain.newCommandLine(o, e) : ReceiverMain.newCommandLine(o, e, () -> keys);
        int code = command.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
