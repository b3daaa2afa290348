package dev.txrx.cli;

import java.util.List;

/**
 * Process exit codes of both apps. Only the command-line edge uses them. {@link #TABLE} says what
 * each means in one line; {@code --help} prints it, so the two cannot drift apart.
 */
public final class ExitCode {

    /** Everything verified. */
    public static final int OK = 0;
    /** The transfer failed: verification, an incomplete session, a protocol or I/O error. */
    public static final int FAILED = 1;
    /** Invalid command-line input; nothing was opened. */
    public static final int USAGE = 2;
    /** The receiver could not connect within its retry budget. */
    public static final int CONNECT_FAILED = 3;
    /** The sender could not listen: the port is taken or the address is not local. */
    public static final int LISTEN_FAILED = 4;
    /**
     * The connection was lost in the middle of the session and not regained within the retry
     * budget; what arrived is kept, and running the same command again resumes.
     */
    public static final int RESUMABLE = 5;
    /**
     * The listening side's identity is not the one expected: it does not match {@code --pin} or the
     * ticket, or it differs from the one {@code known_hosts} recorded. Nothing was sent.
     */
    public static final int UNTRUSTED = 6;
    /** The listening side refused us: no token, a wrong one, or an identity it does not authorize. */
    public static final int UNAUTHORIZED = 7;
    /**
     * The connection was lost while a stream arrived ({@code sender --send -}, or anything
     * {@code receiver --stdout} writes): its bytes cannot be sent again, so nothing resumes it.
     */
    public static final int STREAM_CUT = 8;
    /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    /**
     * One exit code and what it means to a person.
     *
     * @param code    the process's exit status
     * @param meaning one line, for {@code --help}
     */
    public record Meaning(int code, String meaning) {
    }

    /** Every exit code, in order, with its meaning; a test checks that it lists every constant above. */
    public static final List<Meaning> TABLE = List.of(
            new Meaning(OK, "everything verified"),
            new Meaning(FAILED, "the transfer failed, or a local error (output directory, identity)"),
            new Meaning(USAGE, "invalid command line; nothing was opened"),
            new Meaning(CONNECT_FAILED, "could not connect within the retries, or the host does not resolve"),
            new Meaning(LISTEN_FAILED, "could not listen: the port is taken or the address is not local"),
            new Meaning(RESUMABLE, "connection lost mid-session; run the same command again to resume"),
            new Meaning(UNTRUSTED, "the other side's identity is not the expected one; nothing was sent"),
            new Meaning(UNAUTHORIZED, "the other side refused us: no token, a wrong one, or not authorized"),
            new Meaning(STREAM_CUT, "a stream (--send -, --stdout) was cut; it cannot be resumed"),
            new Meaning(INTERRUPTED, "stopped by Ctrl-C"));

    private ExitCode() {
    }

    /** The exit code of a session that could not start for {@code e}. */
    public static int of(dev.txrx.common.transport.ConnectFailedException e) {
        if (e.refused() == null) {
            return CONNECT_FAILED;
        }
        return switch (e.refused().why()) {
            case UNTRUSTED -> UNTRUSTED;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case MISMATCH -> FAILED;
        };
    }
}
