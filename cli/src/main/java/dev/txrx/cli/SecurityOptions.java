package dev.txrx.cli;

import dev.txrx.common.tls.AccessToken;
import dev.txrx.common.tls.AuthorizedKeys;
import dev.txrx.common.tls.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of both apps about TLS, identities and authorization. Which apply depends on the
 * side: {@link #connectingProblem} and {@link #listeningProblem} say what does not fit.
 */
public final class SecurityOptions {

    @Option(names = "--plain",
            description = "Speak in clear: no TLS, no identities, no authorization. For benchmarks and raw "
                + "tools; the other side needs --plain too.")
    public boolean plain;

    @Option(names = "--identity", paramLabel = "DIR",
            description = "Directory of your identity (key and certificate, created on first use) and of "
                + "known_hosts (default: $XDG_CONFIG_HOME/txrx, or ~/.config/txrx).")
    public Path identity;

    @Option(names = "--pin", paramLabel = "FINGERPRINT",
            description = "Connecting: go on only if the other side's identity has this fingerprint. "
                + "Default: trust on first use, recorded in known_hosts.")
    public String pin;

    @Option(names = "--ticket", paramLabel = "TICKET",
            description = "Connecting: the ticket the other side printed (txrx:...), which holds its address, "
                + "its fingerprint and its token. --host overrides its address.")
    public String ticket;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Connecting: present the access token in FILE. Listening: require the token in FILE "
                + "instead of a fresh one for this run.")
    public Path tokenFile;

    @Option(names = "--authorized-keys", paramLabel = "FILE",
            description = "Listening: also admit, without a token, the identities whose fingerprints FILE lists "
                + "(one per line).")
    public Path authorizedKeys;

    @Option(names = "--open",
            description = "Listening: admit anyone who connects, without a token (still encrypted). A warning "
                + "is printed at every start.")
    public boolean open;

    @Option(names = "--require-token",
            description = "Listening with generated files, a trickle or ping: require the token too (they admit "
                + "anyone by default).")
    public boolean requireToken;

    @Option(names = "--advertise", paramLabel = "HOST",
            description = "Listening: the address the ticket names (default: this machine's addresses).")
    public String advertise;

    /** What does not fit a connecting side, or null. */
    public String connectingProblem() {
        for (String[] option : new String[][] {
            {"--authorized-keys", authorizedKeys == null ? null : ""}, {"--open", open ? "" : null},
            {"--require-token", requireToken ? "" : null}, {"--advertise", advertise}}) {
            if (option[1] != null) {
                return option[0] + " applies only to a listening side";
            }
        }
        if (pin != null && ticket != null) {
            return "--pin and --ticket cannot be used together: the ticket holds the pin";
        }
        if (tokenFile != null && ticket != null) {
            return "--token-file and --ticket cannot be used together: the ticket holds the token";
        }
        if (pin != null) {
            try {
                Fingerprint.parse(pin);
            } catch (IllegalArgumentException e) {
                return "--pin: " + e.getMessage();
            }
        }
        return plainProblem() != null ? plainProblem() : filesProblem();
    }

    /**
     * What does not fit a listening side, or null.
     *
     * @param authorizationByDefault true where real content is served or stored ({@code --send},
     *                               {@code --listen}): in clear that needs {@code --open}, said aloud
     */
    public String listeningProblem(boolean authorizationByDefault) {
        if (pin != null) {
            return "--pin applies only when connecting";
        }
        if (ticket != null) {
            return "--ticket applies only when connecting";
        }
        if (open && (tokenFile != null || authorizedKeys != null || requireToken)) {
            return "--open admits anyone; it cannot be used with --token-file, --authorized-keys or --require-token";
        }
        if (plain && authorizationByDefault && !open) {
            return "--plain cannot check a token, so anyone who reaches the port would be served: add --open to "
                    + "say that is meant";
        }
        return plainProblem() != null ? plainProblem() : filesProblem();
    }

    /** What is wrong with the token file or the authorized keys, read now so that a bad one opens no socket. */
    private String filesProblem() {
        try {
            if (tokenFile != null) {
                AccessToken.read(tokenFile);
            }
        } catch (IOException | IllegalArgumentException e) {
            return "--token-file: " + e.getMessage();
        }
        try {
            if (authorizedKeys != null) {
                AuthorizedKeys.read(authorizedKeys);
            }
        } catch (IOException | IllegalArgumentException e) {
            return "--authorized-keys: " + e.getMessage();
        }
        return null;
    }

    private String plainProblem() {
        if (!plain) {
            return null;
        }
        for (String[] option : new String[][] {
            {"--identity", identity == null ? null : ""}, {"--pin", pin}, {"--ticket", ticket},
            {"--token-file", tokenFile == null ? null : ""}, {"--authorized-keys", authorizedKeys == null ? null : ""},
            {"--require-token", requireToken ? "" : null}, {"--advertise", advertise}}) {
            // --open stays: in clear no token can be checked, so serving real files needs it said
            if (option[1] != null) {
                return "--plain speaks in clear, without identities or tokens; it cannot be used with " + option[0];
            }
        }
        return null;
    }
}
