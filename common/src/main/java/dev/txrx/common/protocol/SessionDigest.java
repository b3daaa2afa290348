package dev.txrx.common.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The session digest: SHA-256 over one record per file of the session (sent, or verified), in
 * ascending order of file id, whatever the order the files went out or verified in, and
 * whichever connection of the session carried them. A record is {@code id (u32) | size (u64) |
 * crc32c (u32) | name length (u16) | name (UTF-8)}, big-endian. Because each record holds the
 * CRC32C of the whole file, the digest binds every byte of the session to its file, its name and
 * its id.
 *
 * <p>Records are hashed as they are added, so nothing is kept per file: the caller adds files in
 * ascending id order (the sender numbers its files in the order it sends them; the receiver
 * sorts what it verified).
 */
public final class SessionDigest {

    private final MessageDigest sha256;
    private final ByteBuffer record = ByteBuffer.allocate(
            Integer.BYTES + Long.BYTES + Integer.BYTES + Short.BYTES + FrameFormat.MAX_NAME_LENGTH);
    private long files;
    private long bytes;
    /** The id of the last file added, or -1 before the first. */
    private long lastId = -1;

    public SessionDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Adds a file, after every file of a lower id.
     *
     * @throws IllegalArgumentException if {@code id} is below that of a file added before
     */
    public synchronized void add(long id, long size, int crc32c, String name) {
        if (id < lastId) {
            throw new IllegalArgumentException("file id " + id + " added after file id " + lastId
                    + ": the session digest takes files in ascending id order");
        }
        lastId = id;
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        record.clear();
        record.putInt((int) id).putLong(size).putInt(crc32c).putShort((short) encoded.length).put(encoded);
        sha256.update(record.array(), 0, record.position());
        files++;
        bytes += size;
    }

    /** Files added so far. */
    public synchronized long files() {
        return files;
    }

    /** Sum of the sizes of the files added so far. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The digest of the files added so far; adding more afterwards is allowed. */
    public synchronized byte[] digest() {
        try {
            return ((MessageDigest) sha256.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in the JDK", e);
        }
    }
}
