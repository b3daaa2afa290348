package dev.txrx.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of {@code bench/torture.sh}: a mixed tree sent with {@code sender --send},
 * through a proxy that counts the sender's bytes, while the sender or the receiver is killed
 * (SIGKILL or SIGINT) {@value #KILLS} times at random moments; the killed side starts again each
 * time, the receiver until it verifies. Then the tree arrived identical, with no duplicate and
 * nothing hidden left, and the bytes sent again are within what a kill can have had in flight.
 *
 * <p>The bound per kill: the sender is paced to {@value #RATE} bytes per second, so what it has
 * sent and the receiver not yet made durable is at most {@value #RATE} bytes for each second a
 * group commit may wait (1 s at most, GroupCommit.LIMITS) plus a second for the socket buffers
 * and the restart, and the partial file: at most the largest file of the tree.
 */
@Timeout(120)
class TortureIT {

    private static final int KILLS = 6;
    private static final int RATE = 1 << 20;
    private static final int BIG = 2 << 20;

    @TempDir
    Path dir;

    @Test
    void killsOfEitherSideAtRandomMomentsLoseNothingAndDuplicateNothing() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path tree = mixedTree(dir.resolve("tree"), random);
        long treeBytes = sizeOf(tree);
        try (Sides sides = new Sides(tree)) {
            long baseline = sides.uninterrupted(dir.resolve("baseline"));
            Path received = dir.resolve("received");
            long before = sides.proxy.downstreamBytes();
            List<String> kills = new ArrayList<>();
            AppProcess receiver = sides.receiver(received);
            for (int k = 0; k < KILLS && receiver.isAlive(); k++) {
                Thread.sleep(300 + random.nextInt(900)); // a random moment of the session
                boolean hard = random.nextBoolean();
                if (random.nextBoolean()) {
                    sides.stopSender(hard);
                    sides.startSender();
                    kills.add((hard ? "KILL" : "INT") + " sender");
                } else if (receiver.isAlive()) {
                    stop(receiver, hard);
                    receiver = sides.receiver(received);
                    kills.add((hard ? "KILL" : "INT") + " receiver");
                }
            }
            int code = awaitExit(receiver);
            for (int again = 0; code != ExitCode.OK && again < 3; again++) {
                // a receiver that gave up (a sender stopped with SIGINT ends its session) runs again, as a person would
                receiver = sides.receiver(received);
                code = awaitExit(receiver);
            }
            assertThat(code).as("seed %d, kills %s:%n%s%s", seed, kills, receiver.out(), receiver.err())
                    .isEqualTo(ExitCode.OK);
            long resent = sides.proxy.downstreamBytes() - before - baseline;
            long bound = kills.size() * (2L * RATE + BIG);
            System.out.printf("TortureIT: seed %d, tree %d bytes, kills %s, %d bytes resent (bound %d)%n", seed,
                    treeBytes, kills, resent, bound);

            assertThat(TreeSnapshot.contentsOf(received)).as("seed %d, kills %s", seed, kills)
                    .isEqualTo(TreeSnapshot.sentAs(tree));
            assertThat(names(received)).as("duplicates; seed %d, kills %s", seed, kills)
                    .noneMatch(name -> name.matches(".* \\(\\d+\\).*"));
            assertThat(names(received)).as("hidden leftovers; seed %d, kills %s", seed, kills)
                    .noneMatch(name -> name.startsWith("."));
            assertThat(resent).as("bytes resent after kills %s (seed %d)", kills, seed).isLessThanOrEqualTo(bound);
        }
    }

    /** The receiver's exit code; -1 (and the receiver stopped) if it has not ended within 20 s, a stalled session. */
    private static int awaitExit(AppProcess receiver) throws InterruptedException {
        for (int i = 0; i < 200 && receiver.isAlive(); i++) {
            Thread.sleep(100);
        }
        if (receiver.isAlive()) {
            System.out.printf("TortureIT: a receiver still running after 20 s:%n%s%s%n", receiver.out(), receiver.err());
            receiver.close();
            return -1;
        }
        return receiver.awaitExit(5);
    }

    private static void stop(AppProcess app, boolean hard) throws Exception {
        if (hard) {
            app.killHard();
        } else {
            app.signal("INT");
        }
        app.awaitExit(20);
    }

    /** 300 small files in three directories, an empty one, and two of {@value #BIG} bytes. */
    private static Path mixedTree(Path tree, Random random) throws IOException {
        for (int i = 0; i < 300; i++) {
            byte[] content = new byte[i == 0 ? 0 : random.nextInt(8 * 1024)];
            random.nextBytes(content);
            Path file = tree.resolve("small/d" + i % 3 + "/f" + i + ".bin");
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
        for (int i = 0; i < 2; i++) {
            byte[] content = new byte[BIG];
            random.nextBytes(content);
            Files.createDirectories(tree.resolve("big"));
            Files.write(tree.resolve("big/big" + i + ".bin"), content);
        }
        return tree;
    }

    private static long sizeOf(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Every name under {@code directory}, each segment on its own. */
    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(p -> !p.equals(directory)).map(p -> p.getFileName().toString()).toList();
        }
    }

    /** The sender, on the port it first got, and the counting proxy in front of it. */
    private static final class Sides implements AutoCloseable {
        private final Path tree;
        private AppProcess sender;
        private int senderPort;
        private final ChaosProxy proxy;
        private final List<AppProcess> receivers = new ArrayList<>();
        /**
         * Each side keeps its identity across its restarts, as on a real machine: a session is
         * resumed only for the identity that started it, and the receiver trusts the sender's
         * identity it first met.
         */
        private final String senderIdentity = TestSecurity.identity().directory().toString();
        private final String receiverIdentity = TestSecurity.identity().directory().toString();

        Sides(Path tree) throws Exception {
            this.tree = tree;
            startSender();
            proxy = new ChaosProxy(senderPort);
        }

        void startSender() throws Exception {
            sender = AppProcess.start(AppProcess.SENDER_JAR, "--identity", senderIdentity, "--bind", "127.0.0.1",
                    "--port", String.valueOf(senderPort), "--send", tree.toString(), "--rate", String.valueOf(RATE),
                    "--no-log-file");
            senderPort = sender.listeningPort(30);
        }

        void stopSender(boolean hard) throws Exception {
            stop(sender, hard);
        }

        AppProcess receiver(Path into) throws IOException {
            AppProcess receiver = AppProcess.start(AppProcess.RECEIVER_JAR, "--identity", receiverIdentity,
                    "--port", String.valueOf(proxy.port()),
                    "--output-dir", into.toString(), "--no-progress", "--no-log-file", "--retries", "100",
                    "--retry-delay", "100ms", "--max-retry-delay", "300ms");
            receivers.add(receiver);
            return receiver;
        }

        /** One session with no kill; returns the bytes the sender put on the wire for it. */
        long uninterrupted(Path into) throws Exception {
            long before = proxy.downstreamBytes();
            AppProcess receiver = receiver(into);
            assertThat(receiver.awaitExit(60)).as(receiver.out() + receiver.err()).isEqualTo(ExitCode.OK);
            return proxy.downstreamBytes() - before;
        }

        @Override
        public void close() throws IOException {
            receivers.forEach(AppProcess::close);
            sender.close();
            proxy.close();
        }
    }
}
