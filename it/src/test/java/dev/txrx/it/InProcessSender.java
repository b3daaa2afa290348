package dev.txrx.it;

import dev.txrx.sender.content.GeneratorSettings;
import dev.txrx.sender.conversation.SessionOutcome;
import dev.txrx.sender.conversation.TrickleSettings;
import dev.txrx.sender.server.SenderServer;
import dev.txrx.sender.server.SenderSettings;
import dev.txrx.common.transport.Security;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A sender server on a loopback port, serving on a background thread, for tests. */
final class InProcessSender implements AutoCloseable {

    private final SenderServer server;
    private final Thread thread;
    final List<SessionOutcome> outcomes = new CopyOnWriteArrayList<>();

    InProcessSender(Path outputDir, int port, int count, long minSize, long maxSize, Duration maxInterval)
            throws IOException {
        this(settings(outputDir, port, count, minSize, maxSize, maxInterval, 256, Duration.ofSeconds(10),
                Duration.ofSeconds(10)));
    }

    /** Settings on loopback with no seed, no rate limit and not {@code once}. */
    static SenderSettings settings(Path outputDir, int port, int count, long minSize, long maxSize,
                                   Duration maxInterval, int maxClients, Duration handshakeTimeout,
                                   Duration idleTimeout) {
        return new SenderSettings("127.0.0.1", port, java.util.List.of(),
                new GeneratorSettings(count, minSize, maxSize, Duration.ZERO, maxInterval), null, outputDir, true, false, 0,
                maxClients, handshakeTimeout, idleTimeout, null);
    }

    /** Settings on loopback port 0 that send these files and directories ({@code sender --send}), not generated ones. */
    static SenderSettings sending(Path... paths) {
        return new SenderSettings("127.0.0.1", 0, List.of(paths),
                new GeneratorSettings(0, 0, 0, Duration.ZERO, Duration.ZERO), null, Path.of("outputs-unused"), true, false, 0,
                256, Duration.ofSeconds(10), Duration.ofSeconds(10), null);
    }

    /** The same settings with {@code --once}: one session, then {@link SenderServer#serve} returns. */
    static SenderSettings withOnce(SenderSettings s) {
        return new SenderSettings(s.bindAddress(), s.port(), s.sendPaths(), s.generator(), s.seed(), s.outputDir(),
                s.saveGenerated(), true, s.bytesPerSecond(), s.maxClients(), s.handshakeTimeout(), s.idleTimeout(), s.trickle());
    }

    /** The same settings on {@code port}, e.g. the one a stopped sender had. */
    static SenderSettings withPort(SenderSettings s, int port) {
        return new SenderSettings(s.bindAddress(), port, s.sendPaths(), s.generator(), s.seed(), s.outputDir(),
                s.saveGenerated(), s.once(), s.bytesPerSecond(), s.maxClients(), s.handshakeTimeout(), s.idleTimeout(), s.trickle());
    }

    /** The same settings, paced to {@code bytesPerSecond}. */
    static SenderSettings withRate(SenderSettings s, long bytesPerSecond) {
        return new SenderSettings(s.bindAddress(), s.port(), s.sendPaths(), s.generator(), s.seed(), s.outputDir(),
                s.saveGenerated(), s.once(), bytesPerSecond, s.maxClients(), s.handshakeTimeout(), s.idleTimeout(), s.trickle());
    }

    /** The same settings, sending these files and directories instead of generated ones. */
    static SenderSettings withSendPaths(SenderSettings s, java.util.List<Path> paths) {
        return new SenderSettings(s.bindAddress(), s.port(), paths, s.generator(), s.seed(), s.outputDir(),
                s.saveGenerated(), s.once(), s.bytesPerSecond(), s.maxClients(), s.handshakeTimeout(), s.idleTimeout(), s.trickle());
    }

    /** The same settings, generating each file in memory as it is sent and storing nothing ({@code --no-save}). */
    static SenderSettings withoutSaving(SenderSettings s) {
        return new SenderSettings(s.bindAddress(), s.port(), s.sendPaths(), s.generator(), s.seed(), s.outputDir(), false,
                s.once(), s.bytesPerSecond(), s.maxClients(), s.handshakeTimeout(), s.idleTimeout(), s.trickle());
    }

    /** The same settings, streaming text ({@code --trickle}) instead of files. */
    static SenderSettings withTrickle(SenderSettings s, TrickleSettings trickle) {
        return new SenderSettings(s.bindAddress(), s.port(), s.sendPaths(), s.generator(), s.seed(), s.outputDir(),
                s.saveGenerated(), s.once(), s.bytesPerSecond(), s.maxClients(), s.handshakeTimeout(), s.idleTimeout(), trickle);
    }

    /** A sender over TLS that requires the tests' token ({@link TestSecurity}), as users run it. */
    InProcessSender(SenderSettings settings) throws IOException {
        this(settings, TestSecurity.listening("sender"));
    }

    /** A sender protected as {@code security} says: {@link Security#PLAIN} for tests that speak raw frames. */
    InProcessSender(SenderSettings settings, Security security) throws IOException {
        this(settings, security, null);
    }

    /** As above, serving {@code content} (null: what the settings say), such as a {@code StandardInput} over a test's channel. */
    InProcessSender(SenderSettings settings, Security security, dev.txrx.sender.content.ContentSource content)
            throws IOException {
        server = content == null ? SenderServer.open(settings.withSecurity(security))
                : SenderServer.open(settings.withSecurity(security), content);
        thread = new Thread(() -> {
            try {
                server.serve(new SenderServer.Listener() {
                    @Override
                    public void started(String peer) {
                    }

                    @Override
                    public void finished(SessionOutcome outcome) {
                        outcomes.add(outcome);
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "test-sender");
        thread.setDaemon(true);
        thread.start();
    }

    InProcessSender(Path outputDir, int count) throws IOException {
        this(outputDir, 0, count, 1, 200 * 1024, Duration.ofMillis(5));
    }

    int port() {
        try {
            return server.address().getPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    SenderServer server() {
        return server;
    }

    /** Waits until {@code n} sessions have finished. */
    void awaitOutcomes(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (outcomes.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(5000);
    }
}
