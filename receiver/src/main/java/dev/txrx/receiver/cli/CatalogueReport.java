package dev.txrx.receiver.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Counts;
import dev.txrx.receiver.conversation.CatalogueResult;
import dev.txrx.receiver.conversation.FilesResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Prints the sender's catalogue ({@code --list}): one line an entry with size, local time and name,
 * then totals. A catalogue that did not arrive whole is reported as a session that stored nothing.
 */
final class CatalogueReport {

    private CatalogueReport() {
    }

    /** Prints {@code result} for a person and, with {@code --json}, as one JSON object. */
    static void report(CatalogueResult result, boolean interrupted, CommandOutput output) {
        if (result.problem() != null) {
            ReceiveReport.reportLast(new FilesResult(result.summary(), result.senderEnd(), 0, List.of(),
                    result.problem(), false, 0, 0), interrupted, output, false, dev.txrx.cli.report.TransferView.NONE);
            return;
        }
        print(result.entries(), output.human());
        output.result().summary(json(result.entries()), null);
    }

    static void print(List<Frame.Entry> entries, PrintWriter out) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
        long files = 0;
        long bytes = 0;
        for (Frame.Entry entry : entries) {
            String mtime = entry.mtimeMillis() > 0 ? time.format(Instant.ofEpochMilli(entry.mtimeMillis())) : "-";
            if (entry.directory()) {
                out.printf(Locale.ROOT, "%15s  %s  %s/%n", "-", mtime, entry.name());
            } else {
                out.printf(Locale.ROOT, "%15d  %s  %s%n", entry.size(), mtime, entry.name());
                files++;
                bytes += entry.size();
            }
        }
        out.println(Counts.of(files, "file") + ", " + Counts.of(bytes, "byte") + " (" + ByteSizes.format(bytes)
                + ") in " + Counts.of(entries.size() - files, "directory"));
        out.flush();
    }

    static ObjectNode json(List<Frame.Entry> entries) {
        ObjectNode node = JsonOutput.object();
        node.put("role", "receiver");
        ArrayNode array = node.putArray("entries");
        for (Frame.Entry entry : entries) {
            ObjectNode item = array.addObject();
            item.put("name", entry.name());
            item.put("directory", entry.directory());
            item.put("size", entry.size());
            item.put("mtimeMillis", entry.mtimeMillis());
            item.put("mode", entry.mode());
        }
        return node;
    }
}
