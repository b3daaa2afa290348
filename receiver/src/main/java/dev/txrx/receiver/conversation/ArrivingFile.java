package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.receiver.store.FileChecksum;

/**
 * The file arriving over a connection, as the protocol sees it: its FILE_START, the bytes so far
 * and their checksum. It checks that each FILE_DATA and the FILE_END belong to it and fit it: a
 * file of known size gets no byte past it, and a stream (FILE_START of unknown size) any number,
 * which its FILE_END's size must then give.
 */
final class ArrivingFile {

    private final Frame.FileStart start;
    private final FileChecksum checksum;
    private long received;

    /** A file that starts at {@code start}'s offset, with {@code checksum} of the bytes before it. */
    ArrivingFile(Frame.FileStart start, FileChecksum checksum) {
        this.start = start;
        this.checksum = checksum;
        this.received = start.offset();
    }

    Frame.FileStart start() {
        return start;
    }

    String name() {
        return start.name();
    }

    /** Whether {@code id} is this file's. */
    boolean is(long id) {
        return start.id() == id;
    }

    /**
     * Takes the bytes of {@code data} into the checksum.
     *
     * @throws ProtocolException if they run past the file's size
     */
    void take(Frame.FileData data) throws ProtocolException {
        int length = data.data().remaining();
        if (start.sizeKnown() && received + length > start.size()) {
            throw new ProtocolException("FILE_DATA runs past the end of " + start.name() + " (" + start.size()
                    + " bytes)");
        }
        checksum.update(data.data());
        received += length;
    }

    /**
     * The file's checksum, at its FILE_END {@code end}.
     *
     * @throws ProtocolException if bytes are still missing, if a stream's FILE_END lacks its size,
     *     or if the size it gives is not the number of bytes that arrived
     */
    int checksumAtEnd(Frame.FileEnd end) throws ProtocolException {
        if (!start.sizeKnown() && !end.hasSize()) {
            throw new ProtocolException("FILE_END of " + start.name() + ", a file of unknown size, gives no size");
        }
        if (end.hasSize() && end.size() != received) {
            throw new ProtocolException("FILE_END of " + start.name() + " gives size " + end.size() + ", but "
                    + received + " bytes arrived");
        }
        if (start.sizeKnown() && received != start.size()) {
            throw new ProtocolException("FILE_END of " + start.name() + " after " + received + " of " + start.size()
                    + " bytes");
        }
        return checksum.value();
    }

    /** True when the file is a stream, of unknown size. */
    boolean stream() {
        return !start.sizeKnown();
    }

    /** How far it got, for a message: {@code during big.iso, 1024 of 4096 bytes}. */
    String progress() {
        return "during " + start.name() + ", " + received + (start.sizeKnown() ? " of " + start.size() : "")
                + " bytes";
    }

    /** Bytes of it so far. */
    long received() {
        return received;
    }
}
