package dev.txrx.cli;

import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.report.TransferSummary;
import dev.txrx.common.text.Counts;
import dev.txrx.common.tls.Ticket;
import dev.txrx.common.transport.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the log file keeps of a run besides its events: one line when it starts (app, version,
 * mode and the options given) and one line when each session ends (the peer, files, bytes,
 * seconds, the whole digest and the verdict), so that a log answers "what ran, and how did it
 * end" without the console. These lines go to the log file only ({@link Logging}).
 *
 * <p>No secret reaches the log: the options are logged by name with their values as typed, except
 * that a ticket's token (anything after the ticket's last colon) is replaced by
 * {@value #HIDDEN}, and the value of an option that is a secret itself is hidden whole. Tokens are
 * read from files ({@code --token-file}) and the environment, which are never logged; their paths are.
 */
public final class RunLog {

    /** The logger of these lines, which the console does not show. */
    public static final String LOGGER = "dev.txrx.run";
    /** What stands in the log for a secret. */
    static final String HIDDEN = "<hidden>";
    /** Options whose whole value is a secret: none today; a token typed on the command line would be one. */
    private static final Set<String> SECRET_OPTIONS = Set.of("--token");

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private RunLog() {
    }

    /** Logs the start line of {@code app} in {@code mode}, with the options of {@code parsed}. */
    public static void started(String app, String mode, CommandLine.ParseResult parsed) {
        log.info(startLine(app, Agent.version(), mode, parsed));
    }

    /**
     * Logs how a session with files ended.
     *
     * @param peerRole {@code receiver} or {@code sender}: the other side
     * @param verdict  {@code confirmed}, {@code verified}, or what went wrong
     */
    public static void session(String peerRole, String peer, TransferSummary summary, String verdict) {
        log.info(sessionLine(peerRole, peer, summary, verdict));
    }

    /**
     * Logs how a session without files (pings, a text stream, a catalogue) ended: what it did, for
     * how long ({@code took}, or null when unknown).
     */
    public static void activity(String peerRole, String peer, String activity, Duration took, String verdict) {
        log.info(activityLine(peerRole, peer, activity, took, verdict));
    }

    /**
     * {@code sender 0.1.0 (protocol 3, java 17.0.9) started: mode listen; options: --port 0 --once}: the
     * options as given, in their order, each by its longest name.
     */
    static String startLine(String app, String version, String mode, CommandLine.ParseResult parsed) {
        String options = parsed == null ? "" : options(parsed);
        return app + " " + version + " (protocol " + FrameFormat.VERSION + ", java " + System.getProperty("java.version")
                + ") started: mode " + mode + "; options:" + (options.isEmpty() ? " none" : options);
    }

    /** {@code session with receiver 127.0.0.1:5000: sent 3 files, 72013 bytes in 0.214 s, digest <64 hex>; confirmed}. */
    static String sessionLine(String peerRole, String peer, TransferSummary summary, String verdict) {
        return String.format(Locale.ROOT, "session with %s %s: %s %s, %s in %.3f s, digest %s; %s",
                peerRole, peer, summary.verb(), Counts.of(summary.files(), "file"), Counts.of(summary.bytes(), "byte"),
                seconds(summary.elapsed()), summary.digestHex(), verdict);
    }

    /** {@code session with receiver 127.0.0.1:5000: answered 10 pings in 0.512 s; done}; no time when {@code took} is null. */
    static String activityLine(String peerRole, String peer, String activity, Duration took, String verdict) {
        return "session with " + peerRole + " " + peer + ": " + activity
                + (took == null ? "" : String.format(Locale.ROOT, " in %.3f s", seconds(took))) + "; " + verdict;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The matched options and positional parameters of {@code parsed} and its subcommands, secrets hidden. */
    private static String options(CommandLine.ParseResult parsed) {
        StringBuilder line = new StringBuilder();
        for (CommandLine.ParseResult command = parsed; command != null; command = command.subcommand()) {
            if (command != parsed) {
                line.append(' ').append(command.commandSpec().name());
            }
            // an option given twice is matched twice, with all its values each time
            for (ArgSpec arg : new LinkedHashSet<>(command.matchedArgs())) {
                if (arg instanceof OptionSpec option) {
                    line.append(' ').append(option.longestName());
                    for (String value : values(option)) {
                        line.append(' ').append(SECRET_OPTIONS.contains(option.longestName()) ? HIDDEN : value);
                    }
                } else {
                    values(arg).forEach(value -> line.append(' ').append(value));
                }
            }
        }
        return line.toString();
    }

    /** The values as typed, a ticket's token hidden; none for a flag. */
    private static List<String> values(ArgSpec arg) {
        List<String> values = new ArrayList<>();
        if (arg instanceof OptionSpec option && option.arity().max() == 0) {
            return values;
        }
        for (String value : arg.originalStringValues()) {
            values.add(withoutToken(value));
        }
        return values;
    }

    /** {@code value}, or, when it is a ticket, the ticket with {@value #HIDDEN} for a token it holds. */
    static String withoutToken(String value) {
        String s = value.strip();
        if (!s.regionMatches(true, 0, Ticket.PREFIX, 0, Ticket.PREFIX.length())) {
            return value;
        }
        int tokenColon = s.lastIndexOf(':');
        return tokenColon == s.length() - 1 ? s : s.substring(0, tokenColon + 1) + HIDDEN;
    }
}
