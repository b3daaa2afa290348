package dev.txrx.receiver.cli;

import java.io.IOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * Keys from the terminal, each as soon as it is pressed, without Enter: the terminal is put in
 * raw mode (through JLine) and given back as it was by {@link #close}, which the receiver calls
 * on every way out, Ctrl-C included.
 */
final class TerminalKeys implements KeySource {

    private Terminal terminal;
    private Attributes saved;
    private NonBlockingReader reader;
    private boolean closed;

    /** Raw mode starts with the first key asked for, so a plain file transfer leaves the terminal alone. */
    private synchronized NonBlockingReader reader() throws IOException {
        if (closed) {
            return null;
        }
        if (terminal == null) {
            // nativeSignals(false): Ctrl-C stays with the JVM, whose shutdown hook gives the terminal back.
            terminal = TerminalBuilder.builder().system(true).nativeSignals(false).build();
            saved = terminal.enterRawMode();
            reader = terminal.reader();
        }
        return reader;
    }

    @Override
    public int next() throws IOException {
        NonBlockingReader keys = reader();
        if (keys == null) {
            return END;
        }
        int key = keys.read();
        return key < 0 ? END : key;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (terminal == null) {
            return;
        }
        // Restoring runs stty, which an interrupt (Ctrl-C interrupts the main thread) would cut short.
        boolean interrupted = Thread.interrupted();
        try {
            terminal.setAttributes(saved);
            terminal.close();
        } catch (IOException | RuntimeException | java.io.IOError ignored) {
            // nothing more can be done for the terminal
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
