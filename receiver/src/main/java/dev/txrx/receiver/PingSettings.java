package dev.txrx.receiver;

import dev.txrx.common.protocol.Frame;
import java.time.Duration;

/**
 * A latency run: {@code count} measured pings after {@code warmup} unmeasured ones, each PING
 * payload {@code payloadSize} bytes, sent {@code interval} apart (0: each as soon as the
 * previous answer arrives).
 */
public record PingSettings(int count, int warmup, Duration interval, int payloadSize) {

    /** The payload of a PING without padding: id, sequence number, send time. */
    public static final int MIN_PAYLOAD = Frame.Ping.MIN_PAYLOAD;
    /** The largest PING payload. */
    public static final int MAX_PAYLOAD = MIN_PAYLOAD + Frame.Ping.MAX_PADDING;

    public PingSettings {
        if (count < 1 || warmup < 0) {
            throw new IllegalArgumentException("count must be at least 1 and warmup not negative");
        }
        if (payloadSize < MIN_PAYLOAD || payloadSize > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload size is outside " + MIN_PAYLOAD + ".." + MAX_PAYLOAD);
        }
    }

    /** Zero bytes added to each PING to reach the payload size. */
    int padding() {
        return payloadSize - MIN_PAYLOAD;
    }
}
