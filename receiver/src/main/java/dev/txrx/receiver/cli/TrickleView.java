package dev.txrx.receiver.cli;

import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Printable;
import dev.txrx.receiver.conversation.TrickleControls;
import dev.txrx.receiver.conversation.TrickleListener;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * A trickle stream on the console: the key hint, the text as it arrives (with {@code -v}, one
 * line per burst with its time and size), each statistics answer next to the receiver's own
 * count, and why the sender ended it. It starts the stream's keys with the stream.
 */
public final class TrickleView implements TrickleListener {

    /** The key hint printed when the stream starts. */
    public static final String HINT = "Press 's' for statistics or 'q' to quit.";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintWriter out;
    private final boolean verbose;
    private final TrickleKeys keys;
    private boolean atLineStart = true;

    TrickleView(PrintWriter out, boolean verbose, TrickleKeys keys) {
        this.out = out;
        this.verbose = verbose;
        this.keys = keys;
    }

    @Override
    public void started(TrickleControls controls) {
        say(HINT);
        keys.start(controls);
    }

    @Override
    public void text(String text) {
        String shown = Printable.escape(text);
        if (verbose) {
            lineBreak();
            out.println(LocalTime.now().format(TIME) + "  " + Counts.of(text.codePointCount(0, text.length()), "symbol")
                    + ": " + shown);
        } else {
            out.print(shown);
            atLineStart = false;
        }
        out.flush();
    }

    @Override
    public void statistics(long received, long sent, long total) {
        say("statistics: " + Counts.of(received, "symbol") + " received since the last request; the sender reports "
                + sent + " sent (" + total + " in all)");
    }

    @Override
    public void ended(String why) {
        say(why);
    }

    @Override
    public void stopped() {
        keys.stop();
        lineBreak();
        out.flush();
    }

    private void say(String line) {
        lineBreak();
        out.println(line);
        out.flush();
    }

    private void lineBreak() {
        if (!atLineStart) {
            out.println();
            atLineStart = true;
        }
    }
}
