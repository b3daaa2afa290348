package dev.txrx.it;

import dev.txrx.receiver.cli.KeySource;
import dev.txrx.receiver.cli.ReceiverMain;
import dev.txrx.sender.cli.SenderMain;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the receiver's (or the sender's) command line, with what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun receiver(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReceiverMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(TestSecurity.withCredentials(args));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** Like {@link #receiver(String...)}, with a trickle stream's keys from {@code keys} instead of the terminal. */
    static CommandRun receiver(KeySource keys, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReceiverMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), () -> keys)
                .execute(TestSecurity.withCredentials(args));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** One in-process run of the sender's command line, such as {@code --connect HOST:PORT --send PATH}. */
    static CommandRun sender(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SenderMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(TestSecurity.withCredentials(args));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** The receiver with an identity of its own and no token: to be refused, or to need none. */
    static CommandRun receiverWithoutToken(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReceiverMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(TestSecurity.withIdentityOnly(args));
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** The sender with an identity of its own and no token. */
    static CommandRun senderWithoutToken(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SenderMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(TestSecurity.withIdentityOnly(args));
        return new CommandRun(code, out.toString(), err.toString());
    }
}
