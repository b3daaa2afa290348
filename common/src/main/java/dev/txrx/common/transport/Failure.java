package dev.txrx.common.transport;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.text.Printable;

/**
 * Why a connection ended before its conversation did: the one sealed type every failure of a
 * connection maps to, in {@link PeerConnection#run}. Each says in {@link #message()} what a
 * person reads.
 */
public sealed interface Failure {

    /** What went wrong, in one line. */
    String message();

    /** The peer sent something the protocol does not allow; we told it with an ERROR frame. */
    record ProtocolViolation(String reason) implements Failure {
        @Override
        public String message() {
            return "protocol error: " + reason;
        }
    }

    /** The peer ended the connection with an ERROR frame. */
    record PeerError(Frame.Error error) implements Failure {
        /** True when the peer turned us away because it serves as many peers as it allows. */
        public boolean busy() {
            return error.code() == ErrorCode.BUSY;
        }

        /** The peer's message, with control characters escaped. */
        public String peerMessage() {
            return Printable.escape(error.message());
        }

        @Override
        public String message() {
            return busy() ? peerMessage() : "peer reported " + error.code() + ": " + peerMessage();
        }
    }

    /** This side failed (its disk, its source files); we told the peer with ERROR INTERNAL. */
    record LocalFailure(String reason) implements Failure {
        @Override
        public String message() {
            return reason;
        }
    }

    /**
     * The connection broke: the peer closed it in the middle, it was reset, or the watchdog closed
     * it because nothing moved.
     *
     * @param how    how it broke
     * @param reason what was seen: the watchdog's message, the end of the stream, the socket's error
     */
    record ConnectionLost(How how, String reason) implements Failure {
        /** How a connection broke. */
        public enum How {
            /** The watchdog closed it: a read or write made no progress, or a deadline passed. */
            TIMED_OUT,
            /** The stream ended where the protocol wanted more. */
            CLOSED,
            /** The socket failed (a reset, a broken pipe). */
            BROKEN
        }

        @Override
        public String message() {
            return reason;
        }
    }

    /**
     * The two sides do not trust each other, or do not speak the same way, and nothing of the
     * session was exchanged: connecting again as it is cannot help.
     *
     * @param why    which of the refusals
     * @param reason what the person reads: what was expected, what was seen, what to do
     */
    record Refused(Why why, String reason) implements Failure {
        /** What refused what. */
        public enum Why {
            /** The listening side's identity is not the pinned one, or not the one recorded for it. */
            UNTRUSTED,
            /** The listening side does not admit the connecting one (ERROR UNAUTHORIZED). */
            UNAUTHORIZED,
            /** One side speaks TLS, the other runs with {@code --plain}, or a version the other no longer speaks. */
            MISMATCH
        }

        @Override
        public String message() {
            return reason;
        }
    }

    /** This side cancelled the connection (Ctrl-C, a shutdown that did not wait). */
    record Cancelled() implements Failure {
        @Override
        public String message() {
            return "interrupted";
        }
    }

    /** A bug on this side: an unexpected exception; we told the peer with ERROR INTERNAL. */
    record InternalError(Throwable cause) implements Failure {
        @Override
        public String message() {
            return "internal error: " + dev.txrx.common.text.Reasons.of(cause);
        }
    }
}
