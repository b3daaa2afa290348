package dev.txrx.receiver.cli;

import java.io.IOException;

/** Where the trickle receiver's commands come from: a key, or a line, at a time. */
public interface KeySource extends AutoCloseable {

    /** Means the source has ended: no more commands will come. */
    int END = -1;

    /** Waits for the next command character, or returns {@link #END}. */
    int next() throws IOException;

    /** Gives the terminal back as it was. Never throws. */
    @Override
    void close();
}
