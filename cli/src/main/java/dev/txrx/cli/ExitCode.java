package dev.txrx.cli;

/** Process exit codes of both apps. Only the command-line edge uses them. */
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
    /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

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
