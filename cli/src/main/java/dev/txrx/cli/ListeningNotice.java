package dev.txrx.cli;

import java.io.PrintWriter;

/**
 * What a listening side prints once it listens: how it is protected and whom it admits, a
 * warning when it admits anyone, and the ticket that the other side needs. The same for the
 * listening sender and {@code receiver --listen}.
 */
public final class ListeningNotice {

    private final String self;
    private final String other;
    private final Credentials credentials;
    private final Credentials.Listening listening;
    private final CommandOutput output;

    /**
     * @param self  this app, {@code sender} or {@code receiver}
     * @param other the app on the other side, for the command line to give: {@code receiver} or {@code sender --connect}
     */
    public ListeningNotice(String self, String other, Credentials credentials, Credentials.Listening listening,
                           CommandOutput output) {
        this.self = self;
        this.other = other;
        this.credentials = credentials;
        this.listening = listening;
        this.output = output;
    }

    /** Prints the notice for a side bound to {@code bindAddress} and {@code port}. */
    public void print(String bindAddress, int port) {
        PrintWriter human = output.human();
        if (credentials.plain()) {
            warn("in clear (--plain): the network sees everything, and anyone who reaches port " + port
                    + " is served");
            return;
        }
        if (listening.open()) {
            warn("--open: anyone who reaches port " + port + " is served (encrypted, but not authorized)");
        }
        String ticket = credentials.ticket(listening, bindAddress, port);
        human.println(self + ": TLS 1.3; " + (listening.token() != null ? "a peer needs the token to get in"
                : listening.security().admission() == dev.txrx.common.transport.Admission.ANYONE
                        ? "anyone may connect" : "only the authorized keys get in"));
        human.println("ticket: " + ticket);
        human.println("on the other machine: " + other + " --ticket " + ticket);
        human.flush();
    }

    private void warn(String message) {
        PrintWriter err = output.err();
        err.println(self + ": warning: " + message);
        err.flush();
    }
}
