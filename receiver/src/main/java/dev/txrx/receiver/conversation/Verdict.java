package dev.txrx.receiver.conversation;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameWriter;
import dev.txrx.common.protocol.SessionDigest;
import dev.txrx.common.protocol.SessionStatus;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Printable;
import dev.txrx.receiver.store.ResumeState;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The receiver's side of a session's end: its own count and digest of the files it verified,
 * held against the sender's SESSION_END and told back in SESSION_CONFIRM.
 */
final class Verdict {

    private Verdict() {
    }

    /**
     * The digest of {@code verified}, every file verified in the session over all its connections,
     * in the sender's order (by id): a file fetched again after a failed checksum arrives late but
     * counts in its place.
     */
    static SessionDigest digest(List<ResumeState.Verified> verified) {
        return digest(verified, List.of());
    }

    /**
     * The digest of {@code verified} and of the files found {@code upToDate} on this connection,
     * which count as verified by comparison, each in its place by id.
     */
    static SessionDigest digest(List<ResumeState.Verified> verified, List<ResumeState.Verified> upToDate) {
        SessionDigest digest = new SessionDigest();
        Stream.concat(verified.stream(), upToDate.stream()).sorted(Comparator.comparingLong(ResumeState.Verified::id))
                .forEach(file -> digest.add(file.id(), file.size(), file.crc32c(), file.name()));
        return digest;
    }

    /**
     * What the session received, over all its connections, with the time and the bytes of file
     * content ({@code arrived}) of the connection that started at {@code startedNanos}
     * ({@link System#nanoTime()}): its speed is that connection's, whatever arrived before it.
     */
    static TransferSummary summary(SessionDigest received, long startedNanos, long arrived) {
        return new TransferSummary("received", received.files(), received.bytes(),
                Duration.ofNanos(System.nanoTime() - startedNanos), received.digest(), arrived);
    }

    /**
     * Compares what was received with the sender's {@code end} and answers with SESSION_CONFIRM.
     *
     * @param failedFiles files that failed their checksum in this connection
     * @return why the session is not verified, or null when it is
     */
    static String answer(FrameWriter writer, Frame.SessionEnd end, SessionDigest received, int failedFiles)
            throws IOException {
        byte[] ours = received.digest();
        String problem = null;
        if (failedFiles > 0) {
            problem = Counts.of(failedFiles, "file") + " failed verification";
        } else if (end.status() != SessionStatus.COMPLETE) {
            problem = "sender ended the session early"
                    + (end.reason().isEmpty() ? "" : ": " + Printable.escape(end.reason()));
        } else if (end.files() != received.files() || end.bytes() != received.bytes()) {
            problem = "totals differ: sender sent " + Counts.of(end.files(), "file") + ", "
                    + Counts.of(end.bytes(), "byte") + "; received " + Counts.of(received.files(), "file") + ", " + Counts.of(received.bytes(), "byte");
        } else if (!Arrays.equals(end.digest(), ours)) {
            problem = "session digests differ";
        }
        writer.write(new Frame.SessionConfirm(problem == null, received.files(), received.bytes(), ours));
        return problem;
    }
}
