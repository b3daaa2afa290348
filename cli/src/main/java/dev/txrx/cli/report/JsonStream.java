package dev.txrx.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.common.report.FileDone;
import dev.txrx.common.report.Interval;
import dev.txrx.common.report.Totals;
import java.io.PrintWriter;

/**
 * {@code --json-stream}: one JSON object per line on stdout for each event of a transfer, as
 * {@code docs/JSON.md} specifies them: {@code start}, {@code resumed}, {@code file},
 * {@code interval}, {@code error}, and last {@code end}, which holds the fields of the
 * {@code --json} summary. Views of several connections share the stream; each line is whole.
 */
public final class JsonStream implements TransferView {

    /** The name of every event, as {@code event} gives it. */
    public static final String START = "start";
    public static final String RESUMED = "resumed";
    public static final String FILE = "file";
    public static final String INTERVAL = "interval";
    public static final String ERROR = "error";
    public static final String END = "end";

    private final PrintWriter out;
    private final String role;
    private volatile String peer;

    /**
     * Events of {@code role} ({@code sender} or {@code receiver}) to {@code out}.
     *
     * @param peer the other side's address, or null until a connection tells it
     */
    public JsonStream(PrintWriter out, String role, String peer) {
        this.out = out;
        this.role = role;
        this.peer = peer;
    }

    /** The events of one connection with {@code peer}, on the same stream. */
    public JsonStream forPeer(String peer) {
        return new JsonStream(out, role, peer);
    }

    @Override
    public void connected(String peer, String protection) {
        this.peer = peer;
    }

    @Override
    public void started(Totals totals) {
        ObjectNode node = event(START);
        putTotal(node, "files", totals.files());
        putTotal(node, "bytes", totals.bytes());
        print(node);
    }

    @Override
    public void resumed(String session, long files, long bytes) {
        ObjectNode node = event(RESUMED);
        node.put("session", session);
        node.put("files", files);
        node.put("bytes", bytes);
        print(node);
    }

    @Override
    public void fileDone(FileDone file) {
        ObjectNode node = event(FILE);
        node.put("name", file.name());
        node.put("size", file.size());
        node.put("bytes", file.moved());
        node.put("seconds", file.took().toNanos() / 1e9);
        node.put("bytesPerSecond", Math.round(file.bytesPerSecond()));
        print(node);
    }

    @Override
    public void interval(Interval interval) {
        ObjectNode node = JsonOutput.object();
        node.put("event", INTERVAL);
        node.put("role", role);
        node.put("from", interval.from().toNanos() / 1e9);
        node.put("to", interval.to().toNanos() / 1e9);
        node.put("bytes", interval.bytes());
        node.put("bytesPerSecond", Math.round(interval.bytesPerSecond()));
        node.put("bitsPerSecond", Math.round(interval.bytesPerSecond() * 8));
        node.put("files", interval.files());
        print(node);
    }

    @Override
    public void failed(String problem) {
        ObjectNode node = event(ERROR);
        node.put("error", problem);
        print(node);
    }

    /** The last event: {@code end}, then exactly the fields of the {@code --json} summary. */
    @Override
    public void ended(ObjectNode summary) {
        ObjectNode node = JsonOutput.object();
        node.put("event", END);
        node.setAll(summary.deepCopy());
        print(node);
    }

    private ObjectNode event(String name) {
        ObjectNode node = JsonOutput.object();
        node.put("event", name);
        node.put("role", role);
        node.put("peer", peer);
        return node;
    }

    private static void putTotal(ObjectNode node, String field, long total) {
        if (total == Totals.UNKNOWN) {
            node.putNull(field);
        } else {
            node.put(field, total);
        }
    }

    private void print(ObjectNode node) {
        synchronized (out) {
            JsonOutput.print(out, node);
        }
    }
}
