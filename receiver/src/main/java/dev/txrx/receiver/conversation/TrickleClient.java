package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameReader;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.PeerErrorException;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.text.Printable;
import java.io.EOFException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 003's client: follows a trickle stream, the answer of a sender started with
 * {@code --trickle} to REQUEST FILES, and tells a {@link TrickleListener} what arrives. Its
 * {@link TrickleControls} ask for statistics (STATS_REQUEST) and leave (LEAVE) from another
 * thread. It counts the symbols (code points) that arrive between two statistics answers:
 * because an answer travels in the same stream after the text it counts, the sender's count and
 * this one are equal unless a frame was lost.
 */
public final class TrickleClient implements TrickleControls {

    private static final Logger log = LoggerFactory.getLogger(TrickleClient.class);

    private final TrickleListener listener;
    /** Guarded by this, with {@link #leaving}: no STATS_REQUEST can follow the LEAVE. */
    private FrameWriter writer;
    private boolean leaving;
    private long symbols;
    private long sinceStats;
    private int statistics;

    public TrickleClient(TrickleListener listener) {
        this.listener = listener;
    }

    /**
     * Follows the stream that began with {@code first} until the sender ends it or this receiver
     * left it.
     *
     * @throws EOFException if the sender closed the stream without being left; {@link #failed}
     *                      then makes the result
     */
    public TrickleResult follow(Frame first, FrameReader reader, FrameWriter writer) throws IOException {
        synchronized (this) {
            this.writer = writer;
        }
        listener.started(this);
        TrickleResult result;
        try {
            result = stream(first, reader);
        } catch (IOException e) {
            if (!leaving()) {
                throw e;
            }
            // the sender closes once it has read the LEAVE, maybe before the last TEXT arrived
            result = new TrickleResult(symbols, statistics, true, null);
        }
        listener.stopped();
        return result;
    }

    private TrickleResult stream(Frame first, FrameReader reader) throws IOException {
        for (Frame frame = first; ; frame = reader.next()) {
            if (frame == null) {
                if (leaving()) {
                    return new TrickleResult(symbols, statistics, true, null);
                }
                throw new EOFException("sender closed the stream");
            }
            if (frame instanceof Frame.SessionEnd end) {
                String why = "the sender ended the stream"
                        + (end.reason().isEmpty() ? "" : ": " + Printable.escape(end.reason()));
                listener.ended(why);
                return new TrickleResult(symbols, statistics, false, why);
            }
            take(frame);
        }
    }

    private void take(Frame frame) throws IOException {
        if (frame instanceof Frame.Text text) {
            symbols += text.symbols();
            sinceStats += text.symbols();
            listener.text(text.text());
        } else if (frame instanceof Frame.Stats stats) {
            statistics++;
            listener.statistics(sinceStats, stats.sinceLast(), stats.total());
            sinceStats = 0;
        } else if (frame instanceof Frame.Error error) {
            throw new PeerErrorException(error);
        } else {
            throw new ProtocolException("unexpected " + frame.type().name() + " in a trickle stream");
        }
    }

    /** What the stream delivered until {@code problem} cut it short. */
    public TrickleResult failed(String problem) {
        listener.stopped();
        return new TrickleResult(symbols, statistics, false, problem);
    }

    @Override
    public synchronized void requestStats() {
        if (leaving || writer == null) {
            return;
        }
        try {
            writer.write(new Frame.StatsRequest());
        } catch (IOException e) {
            log.debug("cannot ask for statistics: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void leave() {
        if (leaving || writer == null) {
            return;
        }
        leaving = true;
        try {
            writer.write(new Frame.Leave());
        } catch (IOException e) {
            log.debug("cannot leave the stream: {}", e.getMessage());
        }
    }

    private synchronized boolean leaving() {
        return leaving;
    }
}
