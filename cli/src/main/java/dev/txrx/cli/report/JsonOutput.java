package dev.txrx.cli.report;

import dev.txrx.common.report.Compared;
import dev.txrx.common.report.TransferSummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** Writes summaries as single-line JSON objects. */
public final class JsonOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    /** A new empty object to fill. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * The summary's fields: files, bytes, seconds, bytesPerSecond, digest; after a resume also
     * connectionBytes, the bytes that connection carried, which bytesPerSecond counts.
     */
    public static ObjectNode of(TransferSummary summary) {
        ObjectNode node = object();
        node.put("files", summary.files());
        node.put("bytes", summary.bytes());
        node.put("seconds", summary.elapsed().toNanos() / 1e9);
        node.put("bytesPerSecond", Math.round(summary.bytesPerSecond()));
        node.put("digest", summary.digestHex());
        if (summary.moved() != summary.bytes()) {
            node.put("connectionBytes", summary.moved());
        }
        return node;
    }

    /**
     * How the session compared the receiver's copies: {@code compared} (COPY frames),
     * {@code upToDate} and {@code upToDateBytes} (files not sent, as the same), {@code sent} and
     * {@code sentBytes} (the session's other files).
     */
    public static void putCompared(ObjectNode node, Compared compared) {
        node.put("compared", compared.copies());
        node.put("upToDate", compared.upToDate());
        node.put("upToDateBytes", compared.upToDateBytes());
        node.put("sent", compared.sent());
        node.put("sentBytes", compared.sentBytes());
    }

    /** Prints {@code node} as one line and flushes. */
    public static void print(PrintWriter out, ObjectNode node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
        out.flush();
    }
}
