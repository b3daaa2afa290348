package dev.txrx.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandOutput;
import dev.txrx.common.protocol.Frame;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.common.report.TransferSummary;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Prints how a receiving session ended: the catalogue of a {@code --list} session, the totals of a
 * trickle stream, or the files, the sender's totals and the verdict of a file session.
 */
final class ReceiveReport {

    private ReceiveReport() {
    }

    /**
     * Prints {@code result} for a person and, with {@code --json}, as one JSON object.
     *
     * @param listing     true when the session asked for the catalogue ({@code --list})
     * @param interrupted true when Ctrl-C ended the session
     */
    static void report(ReceiveResult result, boolean listing, boolean interrupted, CommandOutput output) {
        print(result, listing, interrupted, output.human());
        if (output.json()) {
            JsonOutput.print(output.out(), json(result, listing));
        }
    }

    static void print(ReceiveResult result, boolean listing, boolean interrupted, PrintWriter out) {
        if (listing && result.verified()) {
            CatalogueReport.print(result.catalogue(), out);
            return;
        }
        if (result.stream() != null) {
            printStream(result, interrupted, out);
            return;
        }
        out.println(result.summary().line());
        if (result.reconnections() > 0) {
            out.println("resumed after " + result.reconnections()
                    + (result.reconnections() == 1 ? " reconnection; " : " reconnections; ")
                    + result.resentBytes() + " bytes arrived more than once");
        }
        Frame.SessionEnd end = result.senderEnd();
        if (end != null) {
            out.println(new TransferSummary("sender reported", end.files(), end.bytes(),
                    result.summary().elapsed(), end.digest()).line().replaceFirst(" in .* s \\(.*\\),", ","));
        }
        for (String name : result.missing()) {
            out.println("not found on the sender: " + name);
        }
        if (result.verified()) {
            out.println("verified: every file passed CRC32C, totals and digest match the sender");
        } else if (interrupted) {
            out.println("NOT verified: interrupted; " + result.summary().files()
                    + " verified files kept; run the same command again to resume");
        } else {
            out.println("NOT verified: " + result.problem());
        }
        out.flush();
    }

    static ObjectNode json(ReceiveResult result, boolean listing) {
        if (listing && result.verified()) {
            return CatalogueReport.json(result.catalogue());
        }
        if (result.stream() != null) {
            return streamJson(result);
        }
        ObjectNode node = JsonOutput.of(result.summary());
        node.put("role", "receiver");
        node.put("verified", result.verified());
        node.put("failedFiles", result.failedFiles());
        node.put("reconnections", result.reconnections());
        node.put("resentBytes", result.resentBytes());
        Frame.SessionEnd end = result.senderEnd();
        if (end != null) {
            ObjectNode sender = node.putObject("sender");
            sender.put("status", end.status().name().toLowerCase(Locale.ROOT));
            sender.put("files", end.files());
            sender.put("bytes", end.bytes());
            sender.put("digest", HexFormat.of().formatHex(end.digest()));
        }
        if (result.problem() != null) {
            node.put("problem", result.problem());
        }
        if (!result.missing().isEmpty()) {
            result.missing().forEach(node.putArray("missing")::add);
        }
        return node;
    }

    private static void printStream(ReceiveResult result, boolean interrupted, PrintWriter out) {
        TrickleView.Totals stream = result.stream();
        out.println("received " + stream.symbols() + " symbols; statistics shown " + stream.statistics()
                + (stream.statistics() == 1 ? " time; " : " times; ")
                + (stream.left() ? "left the stream" : interrupted ? "interrupted" : result.problem()));
        out.flush();
    }

    private static ObjectNode streamJson(ReceiveResult result) {
        TrickleView.Totals stream = result.stream();
        ObjectNode node = JsonOutput.object();
        node.put("role", "receiver");
        node.put("mode", "trickle");
        node.put("symbols", stream.symbols());
        node.put("statistics", stream.statistics());
        node.put("left", stream.left());
        if (result.problem() != null) {
            node.put("problem", result.problem());
        }
        return node;
    }
}
