package dev.txrx.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON object a run with {@code --json} ends with, printed by the command-line edge once
 * the exit code is known: the mode's summary when it has one, else an object of its own, with
 * {@code "exitCode"} always and, when that is not 0, {@code "error"}: the one line the person
 * read on stderr. A listening sender's objects, one per session, are printed as they end instead.
 * Thread-safe: a run may report from its conversations' threads.
 */
public final class JsonResult {

    private ObjectNode summary;
    private String error;

    /**
     * The run's summary; the last one given wins.
     *
     * @param error the one-line reason the run fails, or null when the summary says it succeeded
     */
    public synchronized void summary(ObjectNode node, String error) {
        this.summary = node;
        if (error != null) {
            this.error = error;
        }
    }

    /** The one-line reason the run fails, as the person read it; the first one given wins. */
    public synchronized void failed(String message) {
        if (error == null) {
            error = message;
        }
    }

    /**
     * The object to print for a run that exits with {@code exitCode}, or null when there is none to
     * print (a success with no summary, such as {@code --help}).
     */
    public synchronized ObjectNode finish(int exitCode) {
        if (summary == null && exitCode == 0) {
            return null;
        }
        ObjectNode node = summary != null ? summary.deepCopy() : JsonOutput.object();
        if (exitCode != 0 && !node.has("error")) {
            node.put("error", error != null ? error : "failed with exit code " + exitCode);
        }
        node.put("exitCode", exitCode);
        return node;
    }

    /** The object of a run that failed before it had a summary: {@code {"error":...,"exitCode":...}}. */
    public static ObjectNode failure(String message, int exitCode) {
        JsonResult result = new JsonResult();
        result.failed(message);
        return result.finish(exitCode);
    }
}
