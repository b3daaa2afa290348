package dev.txrx.receiver.cli;

import dev.txrx.common.transport.Threads;
import dev.txrx.receiver.conversation.TrickleControls;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of a trickle stream: while it runs, a thread of its own reads them ({@code s} asks for
 * statistics, {@code q} leaves, and no key is read after it), and with {@code --stats-interval} a
 * timer asks for statistics as if {@code s} were pressed. It starts both when the stream starts
 * and stops them when it ends; the key source stays its owner's.
 */
final class TrickleKeys {

    private static final Logger log = LoggerFactory.getLogger(TrickleKeys.class);

    private final KeySource keys;
    private final Duration statsInterval;
    private Thread reader;
    private ScheduledExecutorService timer;

    /** Keys from {@code keys}; statistics asked for every {@code statsInterval} too, unless it is null. */
    TrickleKeys(KeySource keys, Duration statsInterval) {
        this.keys = keys;
        this.statsInterval = statsInterval;
    }

    /** The stream started: keys act on {@code controls} from now on. */
    void start(TrickleControls controls) {
        reader = Threads.daemon("keys", () -> read(controls));
        reader.start();
        if (statsInterval != null) {
            timer = Executors.newSingleThreadScheduledExecutor(Threads.named("stats-interval"));
            long millis = statsInterval.toMillis();
            timer.scheduleAtFixedRate(controls::requestStats, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** The stream ended: no more statistics are asked for, and the key reader is told to stop. */
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (reader != null) {
            // a read that an interrupt cannot end ends with the key source, which its owner closes
            reader.interrupt();
        }
    }

    private void read(TrickleControls controls) {
        try {
            int key;
            while ((key = keys.next()) != KeySource.END) {
                if (key == 's' || key == 'S') {
                    controls.requestStats();
                } else if (key == 'q' || key == 'Q') {
                    controls.leave();
                    return;
                }
            }
        } catch (IOException e) {
            log.debug("no more keys: {}", e.getMessage());
        }
    }
}
