package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.receiver.store.FileChecksum;

/**
 * The file arriving over a connection, as the protocol sees it: its FILE_START, the bytes so far
 * and their checksum. It checks that each FILE_DATA and the FILE_END belong to it and fit it.
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
        if (received + length > start.size()) {
            throw new ProtocolException("FILE_DATA runs past the end of " + start.name() + " (" + start.size()
                    + " bytes)");
        }
        checksum.update(data.data());
        received += length;
    }

    /**
     * The file's checksum, at its FILE_END.
     *
     * @throws ProtocolException if bytes are still missing
     */
    int checksumAtEnd() throws ProtocolException {
        if (received != start.size()) {
            throw new ProtocolException("FILE_END of " + start.name() + " after " + received + " of " + start.size()
                    + " bytes");
        }
        return checksum.value();
    }

    /** How far it got, for a message: {@code during big.iso, 1024 of 4096 bytes}. */
    String progress() {
        return "during " + start.name() + ", " + received + " of " + start.size() + " bytes";
    }

    /** Bytes of it so far. */
    long received() {
        return received;
    }
}
