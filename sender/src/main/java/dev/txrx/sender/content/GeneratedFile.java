package dev.txrx.sender.content;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A file the generator is writing or has written, open for reading. It is written under the
 * temporary name {@code temp} and takes its final name {@code path} only once complete. Streaming goes
 * through {@code channel}, opened on the temporary file, so it can start before the file is
 * complete ({@code progress} says how far it is), and a later generation that replaces the file
 * under the same name cannot change what is sent.
 *
 * @param mtimeMillis the time the file gets when it is complete, known from the start so that it
 *                    can be announced before
 * @param crc32c      completed with the CRC32C of the whole file once it has its final name
 */
record GeneratedFile(long id, String name, Path path, Path temp, long size, long mtimeMillis, FileChannel channel,
                     WriteProgress progress, CompletableFuture<Integer> crc32c) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
