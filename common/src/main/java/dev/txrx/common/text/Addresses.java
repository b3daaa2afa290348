package dev.txrx.common.text;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * How a host and a port are written for a person and in logs: {@code 192.0.2.1:7878},
 * {@code files.example.org:7878}, and an IPv6 address in brackets and in its shortest form
 * (RFC 5952), {@code [::]:7878}, {@code [fe80::1%eth0]:7878}, never {@code :::7878} or
 * {@code 0:0:0:0:0:0:0:1:7878}.
 */
public final class Addresses {

    private static final int GROUPS = 8;
    /** What an IPv6 literal can be made of: only such text is parsed, so that no name is ever looked up. */
    private static final Pattern V6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Addresses() {
    }

    /** {@code host:port}; {@code host} a name, an IPv4 address or an IPv6 one, with or without brackets. */
    public static String of(String host, int port) {
        return bracketed(host(host)) + ":" + port;
    }

    /** The address and port of {@code address}; an unresolved one by the name it was given. */
    public static String of(InetSocketAddress address) {
        String host = address.isUnresolved() || address.getAddress() == null ? address.getHostString()
                : host(address.getAddress());
        return of(host, address.getPort());
    }

    /** {@code address} without brackets: an IPv6 address in its shortest form, with its zone if it has one. */
    public static String host(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        String text = v6.getHostAddress();
        int zone = text.indexOf('%');
        return shortest(v6.getAddress()) + (zone < 0 ? "" : text.substring(zone));
    }

    /**
     * {@code host} without brackets, an IPv6 literal in its shortest form; a name or an IPv4
     * address as it is. Never looks a name up.
     */
    public static String host(String host) {
        String bare = host.length() >= 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        int zone = bare.indexOf('%');
        String literal = zone < 0 ? bare : bare.substring(0, zone);
        if (!V6_LITERAL.matcher(literal).matches()) {
            return bare;
        }
        try {
            // a literal with a colon is parsed, never resolved
            InetAddress parsed = InetAddress.getByName(literal);
            String shortest = parsed instanceof Inet6Address ? shortest(parsed.getAddress()) : parsed.getHostAddress();
            return shortest + (zone < 0 ? "" : bare.substring(zone));
        } catch (UnknownHostException | SecurityException notALiteral) {
            return bare;
        }
    }

    /** {@code host} in brackets when it is an IPv6 address, so that a port can follow it. */
    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** The 16 bytes of an IPv6 address as RFC 5952 writes them: lower case, the longest run of zero groups as {@code ::}. */
    private static String shortest(byte[] bytes) {
        int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group stays "0"
        for (int i = 0; i < GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < GROUPS && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < GROUPS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
