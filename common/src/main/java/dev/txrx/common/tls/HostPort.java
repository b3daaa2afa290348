package dev.txrx.common.tls;

import java.util.Locale;
import java.util.Optional;

/**
 * A host and a port as written in {@code known_hosts} and messages: {@code example.org:7878},
 * {@code 192.0.2.1:7878}, {@code [::1]:7878}. The host is kept without brackets and in lower case
 * (DNS names ignore case); it is not resolved, so a name and its address are different hosts, as
 * in ssh.
 */
record HostPort(String host, int port) {

    HostPort {
        host = unbracketed(host).toLowerCase(Locale.ROOT);
    }

    /** {@code host}, in brackets when it is an IPv6 address, so that a port can follow it. */
    static String bracketed(String host) {
        String bare = unbracketed(host);
        return bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare;
    }

    /** {@code host} without the brackets of an IPv6 literal. */
    static String unbracketed(String host) {
        return host.length() >= 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Reads {@code HOST:PORT}, where an IPv6 host is in brackets; empty when {@code text} is not of
     * that form or the port is not 1 to 65535.
     */
    static Optional<HostPort> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        boolean bracketed = host.startsWith("[") && host.endsWith("]") && host.length() > 2;
        if (!bracketed && (host.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0)) {
            return Optional.empty();
        }
        return port(text.substring(colon + 1)).map(port -> new HostPort(host, port));
    }

    /** A port of 1 to 65535 written in decimal digits, or empty. */
    static Optional<Integer> port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
    }

    /** {@code HOST:PORT}, the host in brackets if it is an IPv6 address. */
    @Override
    public String toString() {
        return bracketed(host) + ":" + port;
    }
}
