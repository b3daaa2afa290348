package dev.txrx.receiver.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.cli.report.TransferView;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.receiver.conversation.FilesAnswer;
import dev.txrx.receiver.conversation.FilesResult;
import dev.txrx.receiver.conversation.TrickleResult;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Prints how a FILES or GET request ended: the files, the sender's totals and the verdict of a
 * session, or the totals of a trickle stream.
 */
final class ReceiveReport {

    private ReceiveReport() {
    }

    /**
     * Prints {@code answer} for a person and, with {@code --json}, as one JSON object.
     *
     * @param interrupted true when Ctrl-C ended the session
     */
    static void report(FilesAnswer answer, boolean interrupted, CommandOutput output) {
        report(answer, interrupted, output, TransferView.NONE);
    }

    /**
     * As above, and tells {@code view} that the transfer ended, with the JSON summary, before the
     * lines for a person: the progress line goes, and the JSON stream ends with it.
     */
    static void report(FilesAnswer answer, boolean interrupted, CommandOutput output, TransferView view) {
        if (answer instanceof TrickleResult stream) {
            ObjectNode node = json(stream);
            view.ended(node);
            print(stream, interrupted, output.human());
            if (output.json()) {
                JsonOutput.print(output.out(), node);
            }
        } else if (answer instanceof FilesResult files) {
            ObjectNode node = json(files);
            view.ended(node);
            print(files, interrupted, output.human());
            if (output.json()) {
                JsonOutput.print(output.out(), node);
            }
        }
    }

    /**
     * The one line of an upload to a listening receiver: who, files, bytes, and the verdict:
     * {@code upload from 10.0.0.2:51234: received 3 files, ...; verified: every file passed CRC32C, ...}.
     */
    static String uploadLine(String peer, FilesAnswer answer, boolean interrupted) {
        String verdict = answer.verified() ? "verified: every file passed CRC32C, totals and digest match the sender"
                : interrupted ? "NOT verified: interrupted" : "NOT verified: " + answer.problem();
        String totals = answer instanceof FilesResult files ? files.summary().line() + "; " : "";
        return "upload from " + peer + ": " + totals + verdict;
    }

    static void print(FilesResult result, boolean interrupted, PrintWriter out) {
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

    static ObjectNode json(FilesResult result) {
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

    private static void print(TrickleResult stream, boolean interrupted, PrintWriter out) {
        out.println("received " + stream.symbols() + " symbols; statistics shown " + stream.statistics()
                + (stream.statistics() == 1 ? " time; " : " times; ")
                + (stream.left() ? "left the stream" : interrupted ? "interrupted" : stream.problem()));
        out.flush();
    }

    static ObjectNode json(TrickleResult stream) {
        ObjectNode node = JsonOutput.object();
        node.put("role", "receiver");
        node.put("mode", "trickle");
        node.put("symbols", stream.symbols());
        node.put("statistics", stream.statistics());
        node.put("left", stream.left());
        if (stream.problem() != null) {
            node.put("problem", stream.problem());
        }
        return node;
    }
}
