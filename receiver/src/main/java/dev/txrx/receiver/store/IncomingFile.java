package dev.txrx.receiver.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where the content of one arriving file goes until it is verified. */
interface IncomingFile {

    /** Takes the next bytes of the file. */
    void write(ByteBuffer data) throws IOException;

    /** The file verified: make it visible under its final name. */
    void commit() throws IOException;

    /** The file failed or the session ended: remove every trace of it. Never throws. */
    void abandon();

    /**
     * The connection broke: keep what arrived for a later connection to go on from, if it is kept
     * anywhere. Never throws.
     *
     * @return true if the bytes are kept; false if they are gone and the file must arrive again
     */
    boolean suspend();

    /**
     * This process stops working on the file and leaves it as it is: it is an orphan now, for
     * the next sweep ({@link Orphans}). Never throws.
     */
    default void leaveAsOrphan() {
    }
}
