package dev.txrx.sender.conversation;

/** Paces a stream to an average number of bytes per second by sleeping. */
final class RateLimiter {

    private final double bytesPerNano;
    private final long start = System.nanoTime();
    private long bytes;

    RateLimiter(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + bytesPerSecond);
        }
        this.bytesPerNano = bytesPerSecond / 1e9;
    }

    /** Accounts for {@code count} more bytes, sleeping until sending them keeps to the rate. */
    void acquire(long count) throws InterruptedException {
        bytes += count;
        long due = start + (long) (bytes / bytesPerNano);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
