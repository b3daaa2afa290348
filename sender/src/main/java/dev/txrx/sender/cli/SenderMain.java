package dev.txrx.sender.cli;

import dev.txrx.cli.CommandLines;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code sender}. */
public final class SenderMain {

    private SenderMain() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The sender's command line, writing to the given streams; tests use the same. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return CommandLines.create(new SenderCommand(), out, err);
    }
}
