package dev.txrx.cli;

import java.util.regex.Pattern;

/**
 * A peer's address as a person writes it on the command line: {@code HOST}, {@code HOST:PORT},
 * {@code [IPv6]:PORT}, {@code [IPv6]}, or a bare IPv6 address (which cannot carry a port). The
 * host is checked for its form only, never resolved here: a name that does not resolve is the
 * connector's to find, at once ({@code Connector}).
 *
 * @param host the host, without the brackets of an IPv6 address
 * @param port the port, or null when the text names none
 */
public record PeerAddress(String host, Integer port) {

    /** A DNS name or an IPv4 address: labels of letters, digits, '-' and '_', between dots. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?"
            + "(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");
    /** An IPv6 address, perhaps with an IPv4 tail and a zone: hex groups and colons, checked loosely. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong, in words for a person
     */
    public static PeerAddress parse(String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has no ']' after its IPv6 address");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "' is not [IPv6]:PORT");
                }
                port = rest.substring(1);
            }
            if (!IPV6.matcher(host).matches()) {
                throw new IllegalArgumentException("'" + host + "' in '" + text + "' is not an IPv6 address");
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        String problem = hostProblem(host);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new PeerAddress(host, port == null ? null : portOf(port, text));
    }

    /** What is wrong with {@code host} as a host name or address, in words for a person, or null. */
    public static String hostProblem(String host) {
        if (host.isEmpty()) {
            return "the host is empty";
        }
        if (NAME.matcher(host).matches() || host.indexOf(':') >= 0 && IPV6.matcher(host).matches()) {
            return null;
        }
        return "'" + host + "' is not a host name or address";
    }

    private static int portOf(String digits, String text) {
        try {
            return new PortConverter().convert(digits);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    /** {@code HOST:PORT}, the host in brackets when it is an IPv6 address. */
    public String withPort(int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
