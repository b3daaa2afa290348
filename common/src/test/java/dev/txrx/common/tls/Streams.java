package dev.txrx.common.tls;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Random streams for tests: sent in chunks, received whole, each compared by its SHA-256. */
final class Streams {

    private static final int CHUNK = 64 * 1024;

    private Streams() {
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code volume} random bytes in chunks; returns their SHA-256. */
    static byte[] sendRandom(WritableByteChannel out, long volume, long seed) throws IOException {
        MessageDigest digest = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[CHUNK];
        for (long left = volume; left > 0; ) {
            int length = (int) Math.min(left, random.nextInt(1, CHUNK + 1));
            random.nextBytes(chunk);
            digest.update(chunk, 0, length);
            writeAll(out, ByteBuffer.wrap(chunk, 0, length));
            left -= length;
        }
        return digest.digest();
    }

    /** Reads exactly {@code volume} bytes; returns their SHA-256. */
    static byte[] receive(ReadableByteChannel in, long volume) throws IOException {
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        for (long left = volume; left > 0; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            if (in.read(buffer) < 0) {
                throw new EOFException(left + " bytes missing");
            }
            buffer.flip();
            left -= buffer.remaining();
            digest.update(buffer);
        }
        return digest.digest();
    }

    /** Reads exactly {@code length} bytes through a buffer of {@code bufferSize}. */
    static byte[] readExactly(ReadableByteChannel in, int length, int bufferSize) throws IOException {
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
        for (int at = 0; at < length; ) {
            buffer.clear().limit(Math.min(bufferSize, length - at));
            if (in.read(buffer) < 0) {
                throw new EOFException((length - at) + " bytes missing");
            }
            buffer.flip();
            int count = buffer.remaining();
            buffer.get(bytes, at, count);
            at += count;
        }
        return bytes;
    }

    static void writeAll(WritableByteChannel out, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            out.write(data);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
