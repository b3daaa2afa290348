package dev.txrx.sender.server;

import dev.txrx.common.transport.ConnectionSettings;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.Role;
import dev.txrx.common.transport.Agent;
import dev.txrx.common.transport.Security;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.content.GeneratedContent;
import dev.txrx.sender.content.GeneratorSettings;
import dev.txrx.common.protocol.Glob;
import dev.txrx.sender.content.LocalTree;
import dev.txrx.sender.content.StandardInput;
import dev.txrx.sender.conversation.Offer;
import dev.txrx.sender.conversation.SessionRegistry;
import dev.txrx.sender.conversation.TrickleSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a running sender needs, checked and converted from the command line.
 *
 * @param sendPaths        the files and directories to send ({@code --send}), or empty to generate files
 * @param seed             content seed shared by every session, or null for a fresh one per session
 * @param outputDir        where generated files are written
 * @param saveGenerated    false to generate each file in memory as it is sent and store nothing ({@code --no-save})
 * @param bytesPerSecond   pace of each conversation's data, or 0 for as fast as possible
 * @param maxClients       receivers served at once; more are told the sender is busy
 * @param handshakeTimeout time a new connection has to send its HELLO and REQUEST
 * @param idleTimeout      time one read or write may go without progress
 * @param trickle          the text stream to send instead of files ({@code --trickle}), or null
 * @param minRate          bytes per second a receiver must move while the sender waits on it ({@code --min-rate}), 0 for none
 * @param security         TLS, and whom the sender admits (listening) or what it presents (connecting)
 * @param streamName       the name of the file its standard input is sent as ({@code --send -}), or null
 * @param excludes         {@code --exclude}: glob patterns ({@link Glob}) of entries of the tree never served
 */
public record SenderSettings(String bindAddress, int port, List<Path> sendPaths, GeneratorSettings generator, Long seed,
                             Path outputDir, boolean saveGenerated, boolean once, long bytesPerSecond, int maxClients,
                             Duration handshakeTimeout, Duration idleTimeout, TrickleSettings trickle, long minRate,
                             Security security, String streamName, List<String> excludes) {

    public SenderSettings {
        sendPaths = List.copyOf(sendPaths);
        excludes = List.copyOf(excludes);
    }

    /** Settings that send no standard input and exclude nothing. */
    public SenderSettings(String bindAddress, int port, List<Path> sendPaths, GeneratorSettings generator, Long seed,
                          Path outputDir, boolean saveGenerated, boolean once, long bytesPerSecond, int maxClients,
                          Duration handshakeTimeout, Duration idleTimeout, TrickleSettings trickle, long minRate,
                          Security security) {
        this(bindAddress, port, sendPaths, generator, seed, outputDir, saveGenerated, once, bytesPerSecond, maxClients,
                handshakeTimeout, idleTimeout, trickle, minRate, security, null, List.of());
    }

    /** Settings with the default minimum rate. */
    public SenderSettings(String bindAddress, int port, List<Path> sendPaths, GeneratorSettings generator, Long seed,
                          Path outputDir, boolean saveGenerated, boolean once, long bytesPerSecond, int maxClients,
                          Duration handshakeTimeout, Duration idleTimeout, TrickleSettings trickle) {
        this(bindAddress, port, sendPaths, generator, seed, outputDir, saveGenerated, once, bytesPerSecond, maxClients,
                handshakeTimeout, idleTimeout, trickle, ConnectionSettings.DEFAULT_MIN_RATE, Security.PLAIN);
    }

    /** The same settings with another minimum rate ({@code --min-rate}), in bytes per second. */
    public SenderSettings withMinRate(long rate) {
        return new SenderSettings(bindAddress, port, sendPaths, generator, seed, outputDir, saveGenerated, once,
                bytesPerSecond, maxClients, handshakeTimeout, idleTimeout, trickle, rate, security, streamName, excludes);
    }

    /** The same settings protected as {@code other} says. */
    public SenderSettings withSecurity(Security other) {
        return new SenderSettings(bindAddress, port, sendPaths, generator, seed, outputDir, saveGenerated, once,
                bytesPerSecond, maxClients, handshakeTimeout, idleTimeout, trickle, minRate, other, streamName, excludes);
    }

    /** The same settings leaving out of the tree what {@code patterns} match ({@code --exclude}). */
    public SenderSettings withExcludes(List<String> patterns) {
        return new SenderSettings(bindAddress, port, sendPaths, generator, seed, outputDir, saveGenerated, once,
                bytesPerSecond, maxClients, handshakeTimeout, idleTimeout, trickle, minRate, security, streamName, patterns);
    }

    /**
     * The same settings sending standard input as the file {@code name}, for one session only
     * ({@code --once} is implied: the input can be read once).
     */
    public SenderSettings withStream(String name) {
        return new SenderSettings(bindAddress, port, List.of(), generator, seed, outputDir, saveGenerated, true,
                bytesPerSecond, maxClients, handshakeTimeout, idleTimeout, trickle, minRate, security, name, List.of());
    }

    /** True when the sender serves real files (a tree, or its standard input) rather than generated ones. */
    public boolean sendsFiles() {
        return !sendPaths.isEmpty() || streams();
    }

    /** True when the sender sends its standard input ({@code --send -}). */
    public boolean streams() {
        return streamName != null;
    }

    /**
     * What the sender serves: the tree named by {@code --send}, checksummed on
     * {@code checksumThreads} threads, or generated files, saved to the output directory (which
     * this creates) or not. The caller closes it.
     *
     * @throws IOException if the output directory cannot be created
     */
    public ContentSource content(int checksumThreads) throws IOException {
        if (streams()) {
            return StandardInput.ofProcess(streamName);
        }
        if (sendsFiles()) {
            return new LocalTree(sendPaths, checksumThreads, excludes.stream().map(Glob::of).toList());
        }
        return saveGenerated ? GeneratedContent.saving(generator, outputDir) : GeneratedContent.inMemory(generator);
    }

    /** What the sender offers every receiver, from {@code content}, with a registry of sessions of its own. */
    public Offer offer(ContentSource content) {
        return new Offer(content, new SessionRegistry(), seed, bytesPerSecond, trickle);
    }

    /** How the sender's connections behave: the handshake, the timeouts, the minimum rate. */
    public ConnectionSettings connection() {
        return new ConnectionSettings(Role.SENDER, Agent.of("sender"), handshakeTimeout, idleTimeout,
                FrameReader.MIN_BUFFER_SIZE, true, minRate, null, security);
    }
}
