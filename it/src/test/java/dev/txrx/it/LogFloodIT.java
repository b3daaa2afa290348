package dev.txrx.it;

import dev.txrx.receiver.store.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.Role;
import dev.txrx.sender.conversation.TrickleSettings;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 17: a peer that floods a {@code --trickle} sender with STATS_REQUEST used to
 * get one log line per request and could rotate the whole log history away. What one connection
 * can make the sender log is bounded; the other connections' lines are not affected.
 */
@Timeout(60)
class LogFloodIT {

    private static final int FLOOD = 3000;

    @TempDir
    Path dir;

    @Test
    void aStatsRequestFloodWritesABoundedNumberOfLogLinesAndOneSayingHowManyWereSuppressed() throws Exception {
        try (LogCapture log = new LogCapture("dev.txrx");
             InProcessSender sender = new InProcessSender(InProcessSender.withTrickle(
                     InProcessSender.settings(dir, 0, 1, 1, 1, Duration.ZERO, 4, Duration.ofSeconds(10),
                             Duration.ofSeconds(10)),
                     new TrickleSettings(1, 5, Duration.ofMillis(20), Duration.ofMillis(40))));
             RawPeer flooder = new RawPeer(sender.port());
             RawPeer quiet = new RawPeer(sender.port())) {
            String flooderName = "127.0.0.1:" + flooder.localPort() + " ";
            String quietName = "127.0.0.1:" + quiet.localPort() + " ";
            FrameReader fromFlooder = open(flooder);
            FrameReader fromQuiet = open(quiet);

            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int i = 0; i < FLOOD; i++) {
                requests.writeBytes(RawPeer.encode(new Frame.StatsRequest()));
            }
            flooder.send(requests.toByteArray());
            int answered = 0;
            while (answered < FLOOD) {
                if (fromFlooder.next() instanceof Frame.Stats) {
                    answered++;
                }
            }
            // the quiet peer's few requests are all logged, flood or not
            for (int i = 0; i < 3; i++) {
                quiet.send(new Frame.StatsRequest());
                while (!(fromQuiet.next() instanceof Frame.Stats)) {
                    // TEXT frames of the stream
                }
            }
            awaitLines(log, quietName, 3);

            assertThat(log.linesMentioning(flooderName)).hasSizeLessThanOrEqualTo(21);
            assertThat(log.linesMentioning(quietName)).filteredOn(line -> line.contains("asked for statistics"))
                    .hasSize(3);

            flooder.send(new Frame.Leave());
            while (log.linesMentioning(flooderName).stream().noneMatch(line -> line.contains(" suppressed"))) {
                Thread.sleep(10);
            }
            assertThat(log.linesMentioning(flooderName)).filteredOn(line -> line.contains("asked for statistics"))
                    .hasSizeLessThanOrEqualTo(20);
            assertThat(log.linesMentioning(flooderName)).filteredOn(line -> line.contains(" suppressed"))
                    .singleElement().asString().contains("more log lines, suppressed");
        }
    }

    private static FrameReader open(RawPeer peer) throws Exception {
        peer.send(peer.hello(Role.RECEIVER, "flooder"))
                .send(new Frame.Request(dev.txrx.common.protocol.RequestKind.FILES))
                .send(new Frame.Resume(java.util.UUID.randomUUID(), 0));
        FrameReader reader = peer.reader();
        reader.readHello();
        return reader;
    }

    private static void awaitLines(LogCapture log, String text, int count) throws InterruptedException {
        while (log.linesMentioning(text).stream().filter(line -> line.contains("asked for statistics")).count() < count) {
            Thread.sleep(10);
        }
    }
}
