package dev.txrx.receiver.cli;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keys for a trickle receiver in tests: pressed by the test as it goes ({@link #press}), or
 * played from a script, each key after a pause that starts when the receiver asks for it.
 */
public final class ScriptedKeys implements KeySource {

    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
    private final Duration pause;
    private final CountDownLatch asked = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean closed;

    private ScriptedKeys(Duration pause) {
        this.pause = pause;
    }

    /** Keys the test presses with {@link #press} and {@link #end}; none until then. */
    public static ScriptedKeys pressedByTest() {
        return new ScriptedKeys(Duration.ZERO);
    }

    /** Each character of {@code script}, each after {@code pause}, then the end of the keys. */
    public static ScriptedKeys paced(Duration pause, String script) {
        ScriptedKeys keys = new ScriptedKeys(pause);
        script.chars().forEach(keys.keys::add);
        keys.end();
        return keys;
    }

    public void press(char key) {
        keys.add((int) key);
    }

    /** Ends the keys, as a closed stdin does. */
    public void end() {
        keys.add(END);
    }

    @Override
    public int next() throws InterruptedIOException {
        asked.countDown();
        try {
            int key = keys.take();
            if (key == END) {
                keys.add(END);
                ended.countDown();
                return END;
            }
            Thread.sleep(pause.toMillis());
            return key;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a key");
        }
    }

    /** Waits until the receiver asks for its first key: its trickle view has started. */
    public void awaitAsked() throws InterruptedException {
        if (!asked.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the receiver never asked for a key");
        }
    }

    /** Waits until the receiver has been told that the keys ended. */
    public void awaitEnded() throws InterruptedException {
        if (!ended.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the receiver never took the end of the keys");
        }
    }

    /** Keys pressed that the receiver has not taken. */
    public int unread() {
        return (int) keys.stream().filter(key -> key != END).count();
    }

    /** True once the receiver gave the keys back. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
