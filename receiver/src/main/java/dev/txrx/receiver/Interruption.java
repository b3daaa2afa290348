package dev.txrx.receiver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) while the receiver runs: a shutdown hook that cancels the running sessions,
 * closes the upload server, interrupts the main thread, and holds the JVM until the report is
 * printed (at most {@value #REPORT_WAIT_SECONDS} s). Closing it says the report is printed and
 * removes the hook.
 */
final class Interruption implements AutoCloseable {

    private static final long REPORT_WAIT_SECONDS = 5;

    private final Set<ReceiverSession> running = ConcurrentHashMap.newKeySet();
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean happened;
    private volatile UploadServer listening;

    private Interruption(Thread main) {
        hook = new Thread(() -> {
            happened = true;
            running.forEach(ReceiverSession::cancel);
            UploadServer server = listening;
            if (server != null) {
                server.close();
            }
            main.interrupt();
            try {
                reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exit regardless
            }
        }, "interrupt");
    }

    /** Installs the hook; it interrupts the calling thread. */
    static Interruption install() {
        Interruption interruption = new Interruption(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** True once Ctrl-C came. */
    boolean happened() {
        return happened;
    }

    /** Runs {@code session}, cancelling it when Ctrl-C comes, or came already. */
    ReceiveResult run(ReceiverSession session) {
        running.add(session);
        try {
            if (happened) {
                session.cancel();
            }
            return session.run();
        } finally {
            running.remove(session);
        }
    }

    /** Closes {@code server} too when Ctrl-C comes. */
    void closeOnInterrupt(UploadServer server) {
        listening = server;
    }

    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and waits for the report printed before
        }
    }
}
