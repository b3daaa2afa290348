package dev.txrx.common.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything the connecting side needs, in one string to copy: where the listening side may be
 * reached, its identity, and the token it requires.
 *
 * <pre>
 * txrx:HOST[,HOST...]:PORT:PIN:TOKEN
 *
 * txrx:192.168.1.20,[fe80::1%eth0]:7878:9f86d081...0a08:3b1f0c9e6a4d2e7f8091a2b3c4d5e6f7
 * txrx:files.example.org:7878:9f86d081...0a08:           (no token needed)
 * </pre>
 *
 * HOST is a name or an address, an IPv6 address in brackets; PORT is 1 to 65535; PIN is the
 * listening side's {@link Fingerprint} as 64 hex digits; TOKEN is the {@link AccessToken}'s text,
 * or nothing (the string then ends with {@code :}) when the listening side requires none. The
 * last three fields hold no colon, so a ticket is read from the right.
 *
 * @param hosts the addresses to try, in order (IPv6 without brackets); at least one
 * @param port  the listening side's port
 * @param pin   the listening side's identity
 * @param token the token to present, or null when none is needed
 */
public record Ticket(List<String> hosts, int port, Fingerprint pin, AccessToken token) {

    /** What every ticket starts with. */
    public static final String PREFIX = "txrx:";
    private static final String LOOKS_LIKE = "a ticket looks like txrx:HOST[,HOST...]:PORT:PIN:TOKEN,"
            + " such as txrx:192.168.1.20,[fe80::1]:7878:<64 hex digits>:<the token, or nothing>";

    /** @throws IllegalArgumentException when there is no host, a host cannot stand in a ticket, or the port is out of range */
    public Ticket {
        List<String> bare = new ArrayList<>();
        for (String host : hosts) {
            String problem = hostProblem(host);
            if (problem != null) {
                throw new IllegalArgumentException("a ticket cannot hold the host " + host + ": it " + problem);
            }
            bare.add(HostPort.unbracketed(host));
        }
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("a ticket needs at least one host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a ticket needs a port of 1 to 65535, not " + port);
        }
        hosts = List.copyOf(bare);
        Objects.requireNonNull(pin, "pin");
    }

    /** {@code txrx:HOSTS:PORT:PIN:TOKEN}, the token's text in clear: for the user to copy, never for a log. */
    public String format() {
        String joined = hosts.stream().map(HostPort::bracketed).collect(Collectors.joining(","));
        return PREFIX + joined + ":" + port + ":" + pin.hex() + ":" + (token == null ? "" : token.reveal());
    }

    /**
     * Reads what {@link #format()} writes (white space around it is ignored).
     *
     * @throws IllegalArgumentException one line saying what is wrong and what a ticket looks like;
     *                                  it never quotes the token
     */
    public static Ticket parse(String text) {
        String s = text.strip();
        if (!s.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw notATicket("it does not start with " + PREFIX);
        }
        String rest = s.substring(PREFIX.length());
        int tokenColon = rest.lastIndexOf(':');
        int pinColon = tokenColon < 0 ? -1 : rest.lastIndexOf(':', tokenColon - 1);
        int portColon = pinColon < 0 ? -1 : rest.lastIndexOf(':', pinColon - 1);
        if (portColon < 0) {
            throw notATicket("it has fewer than four fields after " + PREFIX);
        }
        String tokenText = rest.substring(tokenColon + 1);
        String pinText = rest.substring(pinColon + 1, tokenColon);
        int port = HostPort.port(rest.substring(portColon + 1, pinColon))
                .orElseThrow(() -> notATicket("the port is not a number from 1 to 65535"));
        if (pinText.length() != Fingerprint.HEX_DIGITS) {
            throw notATicket("the pin is not 64 hex digits");
        }
        Fingerprint pin;
        try {
            pin = Fingerprint.parse(pinText);
        } catch (IllegalArgumentException e) {
            throw notATicket("the pin is not 64 hex digits");
        }
        AccessToken token = null;
        if (!tokenText.isEmpty()) {
            try {
                token = AccessToken.parse(tokenText);
            } catch (IllegalArgumentException e) {
                throw notATicket("the token is not one: " + e.getMessage());
            }
        }
        List<String> hosts = new ArrayList<>();
        String[] fields = rest.substring(0, portColon).split(",", -1);
        for (int i = 0; i < fields.length; i++) {
            // the host is not quoted either: in a garbled ticket it may be the token
            String host = fields[i];
            boolean bracketed = host.startsWith("[") && host.endsWith("]");
            String problem = hostProblem(host);
            if (problem == null && host.indexOf(':') >= 0 && !bracketed) {
                problem = "is an IPv6 address without brackets";
            }
            if (problem != null) {
                throw notATicket("host " + (i + 1) + " " + problem);
            }
            hosts.add(HostPort.unbracketed(host));
        }
        return new Ticket(hosts, port, pin, token);
    }

    /** Why {@code host}, in brackets or not, cannot stand in a ticket, or null when it can. */
    private static String hostProblem(String host) {
        String bare = HostPort.unbracketed(host);
        if (bare.isEmpty()) {
            return "is empty";
        }
        if (!bare.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '-' || c == '_' || c == ':' || c == '%')) {
            return "has a character that is not in a host name or address";
        }
        if (!bare.equals(host) && bare.indexOf(':') < 0) {
            return "is in brackets but is no IPv6 address";
        }
        return null;
    }

    private static IllegalArgumentException notATicket(String problem) {
        return new IllegalArgumentException("not a ticket (" + problem + "): " + LOOKS_LIKE);
    }

    /** The hosts, the port and the pin; never the token. */
    @Override
    public String toString() {
        return "Ticket[hosts=" + hosts + ", port=" + port + ", pin=" + pin + ", token=" + (token == null ? "none" : "hidden") + "]";
    }
}
