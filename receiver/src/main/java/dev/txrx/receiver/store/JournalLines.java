package dev.txrx.receiver.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complete lines of a journal that is only ever appended to, one line per write. A process
 * killed in the middle of a write (or a power loss) can leave the last line cut off: that torn
 * tail, which has no line break, is the one change that never happened. It is ignored, and cut
 * off the file, so that the next line appended starts on a line of its own.
 */
final class JournalLines {

    private static final Logger log = LoggerFactory.getLogger(JournalLines.class);

    private JournalLines() {
    }

    /** The complete lines of {@code file}, after removing a torn last line from it. */
    static List<String> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException("the journal " + file + " is too large (" + size + " bytes)");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
                // positional reads until full
            }
            int complete = bytes.position();
            while (complete > 0 && bytes.get(complete - 1) != '\n') {
                complete--;
            }
            if (complete < bytes.position()) {
                log.warn("the journal {} ends in a torn line of {} bytes; ignoring it", file,
                        bytes.position() - complete);
                channel.truncate(complete);
            }
            return new String(bytes.array(), 0, complete, StandardCharsets.UTF_8).lines().toList();
        }
    }
}
