package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandLines;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point of {@code receiver}. */
public final class ReceiverMain {

    private ReceiverMain() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The receiver's command line, writing to the given streams; tests use the same. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return CommandLines.create(new ReceiverCommand(), out, err);
    }

    /** The same, with keys for a trickle stream from {@code keys} instead of the terminal. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Supplier<KeySource> keys) {
        return CommandLines.create(new ReceiverCommand(keys), out, err);
    }
}
