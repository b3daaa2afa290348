package dev.txrx.receiver;

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
}
