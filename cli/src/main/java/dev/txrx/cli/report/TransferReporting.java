package dev.txrx.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.OutputOptions;
import dev.txrx.common.report.ForwardingEvents;
import dev.txrx.common.report.FileDone;
import dev.txrx.common.report.Totals;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an app shows of its transfers, composed once from the output options: the progress line
 * ({@link ProgressView}) for a transfer in the foreground, one line per file with {@code -v}
 * ({@link VerboseLines}), reports by interval ({@link IntervalReport}, one for the whole app) and
 * the JSON stream ({@link JsonStream}). The app shell hands the conversations a view of it.
 */
public final class TransferReporting implements AutoCloseable {

    private final String role;
    private final OutputOptions options;
    private final CommandOutput output;
    private final JsonStream stream;
    private final IntervalReport intervals;
    /** The progress line of the foreground transfer, which other lines go above; null when none. */
    private volatile ProgressView bar;

    private TransferReporting(String role, OutputOptions options, CommandOutput output) {
        this.role = role;
        this.options = options;
        this.output = output;
        this.stream = options.jsonStream ? new JsonStream(output.out(), role, null) : null;
        this.intervals = options.reportInterval() == null ? null
                : new IntervalReport(options.reportInterval(), this::line,
                        stream == null ? interval -> { } : stream::interval);
    }

    /** The reporting of {@code role} ({@code sender} or {@code receiver}) that {@code options} ask for. */
    public static TransferReporting of(String role, OutputOptions options, CommandOutput output) {
        return new TransferReporting(role, options, output);
    }

    /**
     * The view of the transfer in the foreground: a progress line on stderr if {@code drawBar}
     * and the app is in a terminal, titled {@code task} ({@code receiving}, {@code sending}).
     */
    public TransferView foreground(String task, boolean drawBar) {
        List<TransferView> views = new ArrayList<>();
        if (drawBar) {
            bar = ProgressView.create(task, true, System.err);
            views.add(bar);
        }
        return compose(views, "", stream, true);
    }

    /** The view of one connection of a listening side, with {@code peer}: no bar; its lines begin with {@code prefix}. */
    public TransferView connection(String peer, String prefix) {
        return compose(new ArrayList<>(), prefix, stream == null ? null : stream.forPeer(peer), false);
    }

    /** Reports the last interval. */
    @Override
    public void close() {
        if (intervals != null) {
            intervals.close();
        }
    }

    private TransferView compose(List<TransferView> views, String prefix, JsonStream json, boolean foreground) {
        if (options.verbosity() >= 1) {
            views.add(new VerboseLines(role.equals("sender") ? "sent" : "verified", prefix, this::line));
        }
        if (intervals != null) {
            views.add(new Counting(intervals));
        }
        return new Ending(TransferView.all(views), json, foreground ? intervals : null);
    }

    /** A line for a person, above the progress line if one is drawn. */
    private void line(String line) {
        PrintWriter human = output.human();
        ProgressView drawn = bar;
        synchronized (human) {
            if (drawn != null) {
                drawn.above(human, line);
            } else {
                human.println(line);
                human.flush();
            }
        }
    }

    /** Hands the interval report a connection's counts; the report itself ends with the app. */
    private record Counting(IntervalReport report) implements TransferView {
        @Override
        public void started(Totals totals) {
            report.started(totals);
        }

        @Override
        public void moved(long bytes) {
            report.moved(bytes);
        }

        @Override
        public void fileDone(FileDone file) {
            report.fileDone(file);
        }
    }

    /**
     * The views, then the JSON stream (null: none). At the end of a transfer in the foreground,
     * the progress line goes and the last interval is reported first, so that the {@code end}
     * event is the stream's last line and the summary's lines follow the intervals'.
     */
    private static final class Ending extends ForwardingEvents implements TransferView {
        private final TransferView views;
        private final JsonStream json;
        private final IntervalReport intervals;

        Ending(TransferView views, JsonStream json, IntervalReport intervals) {
            super(json == null ? views : TransferView.all(List.of(views, json)));
            this.views = views;
            this.json = json;
            this.intervals = intervals;
        }

        @Override
        public void ended(ObjectNode summary) {
            views.ended(summary);
            views.close();
            if (intervals != null) {
                intervals.close();
            }
            if (json != null) {
                json.ended(summary);
            }
        }

        @Override
        public void close() {
            views.close();
        }
    }
}
