package dev.txrx.receiver.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.cli.report.TransferView;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Printable;
import dev.txrx.receiver.conversation.DryRunResult;
import dev.txrx.receiver.conversation.FilesAnswer;
import dev.txrx.receiver.conversation.FilesResult;
import dev.txrx.receiver.conversation.TrickleResult;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints how a FILES or GET request ended: the files, the sender's totals and the verdict of a
 * session, or the totals of a trickle stream.
 */
final class ReceiveReport {

    private ReceiveReport() {
    }

    /**
     * Prints the session of a run that has only this one for a person, tells {@code view} that
     * it ended (the progress line goes, and the JSON stream ends with the summary) and, with
     * {@code --json}, hands its JSON object to the run's result, which the edge prints with the
     * exit code.
     *
     * @param interrupted true when Ctrl-C ended the session
     * @param bits        true to show the speed in bits per second too (memory to memory, {@code --discard})
     */
    static void reportLast(FilesAnswer answer, boolean interrupted, CommandOutput output, boolean bits,
                           TransferView view) {
        report(answer, interrupted, output.human(), bits, view, node -> output.result().summary(node, error(answer)));
    }

    /**
     * Prints one of the sessions of a run that has many for a person and, with {@code --json}, at
     * once as one JSON object.
     */
    static void report(FilesAnswer answer, boolean interrupted, CommandOutput output) {
        report(answer, interrupted, output.human(), false, TransferView.NONE, node -> {
            if (output.json()) {
                JsonOutput.print(output.out(), node);
            }
        });
    }

    private static void report(FilesAnswer answer, boolean interrupted, PrintWriter human, boolean bits,
                               TransferView view, Consumer<ObjectNode> json) {
        if (answer instanceof TrickleResult stream) {
            ObjectNode node = json(stream);
            view.ended(node);
            print(stream, interrupted, human);
            json.accept(node);
        } else if (answer instanceof FilesResult files) {
            ObjectNode node = json(files);
            view.ended(node);
            print(files, interrupted, human, bits);
            json.accept(node);
        } else if (answer instanceof DryRunResult dryRun) {
            ObjectNode node = json(dryRun);
            view.ended(node);
            print(dryRun, human);
            json.accept(node);
        }
    }

    /** Why {@code answer} makes the run fail, in one line, or null when it does not. */
    static String error(FilesAnswer answer) {
        if (answer.problem() != null) {
            return answer.problem();
        }
        if (answer instanceof FilesResult files && !files.missing().isEmpty()) {
            return "not found on the sender: " + String.join(", ", files.missing());
        }
        if (answer instanceof DryRunResult dryRun && !dryRun.missing().isEmpty()) {
            return "not found on the sender: " + String.join(", ", dryRun.missing());
        }
        return null;
    }

    /**
     * The one line of an upload to a listening receiver: who, files, bytes, and the verdict:
     * {@code upload from 10.0.0.2:51234: received 3 files, ...; verified: every file passed CRC32C, ...}.
     */
    static String uploadLine(String peer, FilesAnswer answer, boolean interrupted) {
        String verdict = answer.verified() ? "verified: every file passed CRC32C, totals and digest match the sender"
                : interrupted ? "NOT verified: interrupted" : "NOT verified: " + answer.problem();
        String totals = answer instanceof FilesResult files ? files.summary().line() + "; "
                + (files.compared().any() ? files.compared().line() + "; " : "") : "";
        return "upload from " + peer + ": " + totals + verdict;
    }

    static void print(FilesResult result, boolean interrupted, PrintWriter out, boolean bits) {
        out.println(result.summary().line(bits));
        if (result.compared().any()) {
            out.println(result.compared().line());
        }
        if (result.reconnections() > 0) {
            out.println("resumed after " + Counts.of(result.reconnections(), "reconnection") + "; "
                    + Counts.of(result.resentBytes(), "byte") + " arrived more than once");
        }
        Frame.SessionEnd end = result.senderEnd();
        if (end != null) {
            out.println(new TransferSummary("sender reported", end.files(), end.bytes(),
                    result.summary().elapsed(), end.digest()).line().replaceFirst(" in .* s \\(.*\\),", ","));
        }
        for (String name : result.missing()) {
            out.println("not found on the sender: " + name);
        }
        if (result.complete()) {
            out.println("verified: every file passed CRC32C, totals and digest match the sender");
        } else if (result.verified()) {
            // what arrived is sound, yet the run exits 1: say both, so the line agrees with the exit code
            out.println("NOT complete: " + result.missing().size() + (result.missing().size() == 1 ? " name" : " names")
                    + " not found on the sender; what arrived verified (CRC32C, totals and digest)");
        } else if (interrupted) {
            out.println("NOT verified: interrupted; " + Counts.of(result.summary().files(), "verified file")
                    + " kept; run the same command again to resume");
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
        JsonOutput.putCompared(node, result.compared());
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

    /** A dry run's lines: one per file, {@code would fetch NAME (SIZE)} or {@code up to date NAME}, then the counts. */
    static void print(DryRunResult result, PrintWriter out) {
        for (DryRunResult.File file : result.files()) {
            out.println(file.upToDate() ? "up to date " + Printable.escape(file.name())
                    : "would fetch " + Printable.escape(file.name()) + " (" + ByteSizes.format(file.size()) + ")");
        }
        for (String name : result.missing()) {
            out.println("not found on the sender: " + Printable.escape(name));
        }
        out.println("dry run: " + Counts.of(result.wouldFetch(), "file") + " would be fetched ("
                + Counts.of(result.wouldFetchBytes(), "byte") + "), " + result.upToDate() + " up to date"
                + (result.problem() == null ? "; nothing was transferred or stored" : "; NOT complete: " + result.problem()));
        out.flush();
    }

    static ObjectNode json(DryRunResult result) {
        ObjectNode node = JsonOutput.object();
        node.put("role", "receiver");
        node.put("mode", "dry-run");
        node.put("wouldFetch", result.wouldFetch());
        node.put("wouldFetchBytes", result.wouldFetchBytes());
        node.put("upToDate", result.upToDate());
        var files = node.putArray("entries");
        for (DryRunResult.File file : result.files()) {
            files.addObject().put("name", file.name()).put("size", file.size()).put("upToDate", file.upToDate());
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
        out.println("received " + Counts.of(stream.symbols(), "symbol") + "; statistics shown "
                + Counts.of(stream.statistics(), "time") + "; "
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
