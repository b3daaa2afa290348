package dev.txrx.receiver.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.common.text.Counts;
import java.io.PrintWriter;
import java.util.Locale;
import dev.txrx.receiver.conversation.PingResult;
import dev.txrx.receiver.conversation.PingSettings;
import org.HdrHistogram.Histogram;

/** Prints a latency run: counts, then round-trip percentiles in microseconds from the histogram. */
final class PingReport {

    private static final double NANOS_PER_MICRO = 1e3;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] LABELS = {"p50", "p90", "p99", "p99.9"};

    private PingReport() {
    }

    static void print(PingResult result, PingSettings run, String target, PrintWriter out) {
        out.printf(Locale.ROOT, "ping %s: %s of %s, %d answered, %d lost, %d mismatched%n", target,
                Counts.of(result.requested(), "ping"), Counts.of(run.payloadSize(), "byte"), result.answered(),
                result.lost(), result.mismatched());
        Histogram rtt = result.rttNanos();
        if (rtt.getTotalCount() > 0) {
            StringBuilder line = new StringBuilder("rtt us: ");
            line.append(String.format(Locale.ROOT, "min %.1f  mean %.1f", micros(rtt.getMinValue()),
                    rtt.getMean() / NANOS_PER_MICRO));
            for (int i = 0; i < PERCENTILES.length; i++) {
                line.append(String.format(Locale.ROOT, "  %s %.1f", LABELS[i],
                        micros(rtt.getValueAtPercentile(PERCENTILES[i]))));
            }
            line.append(String.format(Locale.ROOT, "  max %.1f", micros(rtt.getMaxValue())));
            out.println(line);
        }
        if (result.problem() != null) {
            out.println("ping run ended early: " + result.problem());
        }
        out.flush();
    }

    /** Why the run fails, in one line (pings lost or mismatched, or why it ended early), or null. */
    static String error(PingResult result) {
        if (result.problem() != null) {
            return "ping run ended early: " + result.problem();
        }
        if (result.lost() > 0 || result.mismatched() > 0) {
            return result.lost() + " pings lost, " + result.mismatched() + " mismatched";
        }
        return null;
    }

    static ObjectNode json(PingResult result, PingSettings run, String target) {
        ObjectNode node = JsonOutput.object();
        node.put("role", "receiver");
        node.put("mode", "ping");
        node.put("sender", target);
        node.put("count", result.requested());
        node.put("payloadBytes", run.payloadSize());
        node.put("answered", result.answered());
        node.put("lost", result.lost());
        node.put("mismatched", result.mismatched());
        Histogram rtt = result.rttNanos();
        if (rtt.getTotalCount() > 0) {
            ObjectNode micros = node.putObject("rttMicros");
            micros.put("min", micros(rtt.getMinValue()));
            micros.put("mean", rtt.getMean() / NANOS_PER_MICRO);
            for (int i = 0; i < PERCENTILES.length; i++) {
                micros.put(LABELS[i], micros(rtt.getValueAtPercentile(PERCENTILES[i])));
            }
            micros.put("max", micros(rtt.getMaxValue()));
        }
        if (result.problem() != null) {
            node.put("problem", result.problem());
        }
        return node;
    }

    private static double micros(long nanos) {
        return nanos / NANOS_PER_MICRO;
    }
}
