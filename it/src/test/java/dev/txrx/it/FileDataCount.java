package dev.txrx.it;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;

/**
 * What one direction of a connection in clear ({@code --plain}) carried, frame by frame, as a
 * {@link RecordingProxy} captured it: the bytes of file content (FILE_DATA payloads) and the
 * UP_TO_DATE frames. What the peers count themselves is not what is measured here: the wire is.
 *
 * @param fileDataBytes bytes of file content in FILE_DATA frames
 * @param fileStarts    FILE_START frames
 * @param upToDate      UP_TO_DATE frames
 */
record FileDataCount(long fileDataBytes, int fileStarts, int upToDate) {

    /** Counts the frames of {@code wire}, a whole direction of a connection in clear. */
    static FileDataCount of(byte[] wire) throws IOException {
        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(wire)));
        long bytes = 0;
        int starts = 0;
        int same = 0;
        for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
            if (frame instanceof Frame.FileData data) {
                bytes += data.data().remaining();
            } else if (frame instanceof Frame.FileStart) {
                starts++;
            } else if (frame instanceof Frame.UpToDate) {
                same++;
            }
        }
        return new FileDataCount(bytes, starts, same);
    }
}
