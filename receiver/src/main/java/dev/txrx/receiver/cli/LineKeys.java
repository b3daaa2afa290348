package dev.txrx.receiver.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Commands from a stream that is not a terminal (a pipe, CI): each line's first character. */
final class LineKeys implements KeySource {

    private final BufferedReader lines;

    LineKeys(InputStream in) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Override
    public int next() throws IOException {
        String line;
        do {
            line = lines.readLine();
            if (line == null) {
                return END;
            }
            line = line.strip();
        } while (line.isEmpty());
        return line.charAt(0);
    }

    @Override
    public void close() {
        // the stream belongs to the process
    }
}
