package dev.txrx.receiver.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.report.JsonOutput;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.text.ByteSizes;
import dev.txrx.common.text.Counts;
import dev.txrx.common.text.Reasons;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.transport.Threads;
import dev.txrx.receiver.conversation.Call;
import dev.txrx.receiver.conversation.CatalogueConversation;
import dev.txrx.receiver.conversation.CatalogueResult;
import dev.txrx.receiver.conversation.FilesAnswer;
import dev.txrx.receiver.conversation.FilesResult;
import dev.txrx.common.report.TransferEvents;
import dev.txrx.receiver.conversation.ReceiverSettings;
import dev.txrx.receiver.conversation.ReceivingSession;
import dev.txrx.receiver.store.StoreSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code receiver --parallel}: as many sessions at once, each on a thread of its own with its own
 * connection, retry budget and directory ({@code <output-dir>/session-<k>}), then one line for all
 * of them. It owns the sessions' threads.
 *
 * @param sessions how many sessions
 */
record ParallelReceive(RunContext context, int sessions) {

    private static final int MAX_PROBLEMS_SHOWN = 5;
    private static final Connector.Listener SILENT = (attempt, left, reason, delay) -> { };

    /** What one session brought: files and bytes, and why it did not verify (null when it did). */
    private record Outcome(String problem, long files, long bytes) {
    }

    /** Runs the sessions and prints their aggregate; the exit code. */
    int run() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(sessions, Threads.named("session"));
        List<Future<Outcome>> futures = new ArrayList<>();
        long started = System.nanoTime();
        ReceiverSettings settings = context.settings();
        StoreSettings store = settings.store();
        for (int k = 1; k <= sessions; k++) {
            ReceiverSettings own = store.discard() ? settings
                    : settings.withStore(store.withOutputDir(store.outputDir().resolve("session-" + k)));
            futures.add(pool.submit(() -> receive(own)));
        }
        pool.shutdown();
        long verified = 0;
        long files = 0;
        long bytes = 0;
        List<String> problems = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            try {
                Outcome outcome = future.get();
                verified += outcome.problem() == null ? 1 : 0;
                files += outcome.files();
                bytes += outcome.bytes();
                if (outcome.problem() != null) {
                    problems.add(outcome.problem());
                }
            } catch (ExecutionException e) {
                problems.add(Reasons.of(e.getCause()));
            }
        }
        report(verified, files, bytes, problems, Duration.ofNanos(System.nanoTime() - started));
        return verified == sessions ? ExitCode.OK : ExitCode.FAILED;
    }

    /** One session, on its own thread. */
    private Outcome receive(ReceiverSettings own) throws ConnectFailedException, InterruptedException {
        if (own.request().kind() == RequestKind.LIST) {
            Call<CatalogueResult> call = new Call<>(() -> new CatalogueConversation(own.target(), own.request()));
            try (Interruption.Registration cancelling = context.interruption().cancels(call::cancel)) {
                Connector connector = own.connector(SILENT, context.interruption()::pause);
                CatalogueResult listed = call.run(connector, own, own.connection(), context.watchdog());
                OutcomeLog.log(own.target(), listed);
                return new Outcome(listed.problem(), 0, 0);
            }
        }
        try (ReceivingSession session = ReceivingSession.open(own, context.threads(), TransferEvents.NONE, null);
             Interruption.Registration cancelling = context.interruption().cancels(session::cancel)) {
            FilesAnswer answer = session.receive(own.connector(SILENT, context.interruption()::pause),
                    context.watchdog());
            OutcomeLog.log(own.target(), answer);
            if (answer instanceof FilesResult received) {
                return new Outcome(received.problem(), received.summary().files(), received.summary().bytes());
            }
            return new Outcome(answer.problem(), 0, 0);
        }
    }

    private void report(long verified, long files, long bytes, List<String> problems, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        CommandOutput output = context.output();
        PrintWriter human = output.human();
        human.printf(Locale.ROOT, "%d of %s verified; received %s, %s (%s) in %.2f s (%s)%n",
                verified, Counts.of(sessions, "session"), Counts.of(files, "file"), Counts.of(bytes, "byte"),
                ByteSizes.format(bytes), seconds,
                ByteSizes.formatRate(bytes / seconds));
        problems.stream().distinct().limit(MAX_PROBLEMS_SHOWN)
                .forEach(problem -> human.println("  not verified: " + problem));
        human.flush();
        {
            ObjectNode node = JsonOutput.object();
            node.put("role", "receiver");
            node.put("sessions", sessions);
            node.put("verifiedSessions", verified);
            node.put("files", files);
            node.put("bytes", bytes);
            node.put("seconds", seconds);
            node.put("bytesPerSecond", Math.round(bytes / seconds));
            output.result().summary(node, problems.isEmpty() ? null
                    : (sessions - verified) + " of " + sessions + " sessions not verified: " + problems.get(0));
            if (output.jsonStream()) {
                // the sessions stream no events of their own: the aggregate is the stream's one end
                context.reporting().foreground("receiving", false).ended(node);
            }
        }
    }
}
