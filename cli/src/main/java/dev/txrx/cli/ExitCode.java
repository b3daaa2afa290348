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
    /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
