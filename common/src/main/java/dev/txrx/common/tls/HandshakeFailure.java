package dev.txrx.common.tls;

import java.io.IOException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** What a failed handshake is reported as: the {@link ServerCheck}'s refusal, or a readable {@link SSLException}. */
final class HandshakeFailure {

    private static final String ALERT = "Received fatal alert: ";

    private HandshakeFailure() {
    }

    /**
     * The {@link UntrustedPeerException} our check threw, found in {@code failure}'s causes, or
     * else an {@link SSLHandshakeException} that says what happened in words.
     */
    static IOException of(SSLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UntrustedPeerException untrusted) {
                return untrusted;
            }
        }
        SSLHandshakeException readable = new SSLHandshakeException("TLS handshake failed: " + reason(failure));
        readable.initCause(failure);
        return readable;
    }

    private static String reason(SSLException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (message.equals("Empty client certificate chain")) {
            return "the peer presented no certificate";
        }
        if (message.startsWith("The client supported protocol versions")) {
            return "the peer does not speak TLS 1.3 (" + message + ")";
        }
        if (!message.startsWith(ALERT)) {
            return message;
        }
        String alert = message.substring(ALERT.length());
        return switch (alert) {
            case "protocol_version" -> "the peer does not speak TLS 1.3 (alert protocol_version)";
            case "handshake_failure", "insufficient_security" ->
                    "the peer shares no cipher suite or key type with this side (alert " + alert + ")";
            case "certificate_unknown", "bad_certificate", "certificate_required" ->
                    "the peer refused this side's certificate (alert " + alert + ")";
            default -> "the peer ended it (alert " + alert + ")";
        };
    }
}
