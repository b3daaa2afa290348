package dev.txrx.receiver;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the receiver's command line, with what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun receiver(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReceiverMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
