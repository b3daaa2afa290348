package dev.txrx.cli;

import dev.txrx.common.text.Addresses;
import dev.txrx.common.tls.AccessToken;
import dev.txrx.common.tls.AuthorizedKeys;
import dev.txrx.common.tls.Fingerprint;
import dev.txrx.common.tls.Identity;
import dev.txrx.common.tls.KnownHosts;
import dev.txrx.common.tls.PinnedServer;
import dev.txrx.common.tls.ServerCheck;
import dev.txrx.common.tls.Ticket;
import dev.txrx.common.tls.Tls;
import dev.txrx.common.transport.Admission;
import dev.txrx.common.transport.Authorization;
import dev.txrx.common.transport.Security;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@link SecurityOptions} amount to for one run: the identity (loaded, or created on first
 * use), and from it the {@link Security} of a connecting or a listening side, with the token and
 * the ticket a listening side prints. Everything a user may get wrong here fails before a socket
 * is opened, with one line.
 */
public final class Credentials {

    /** The file of known listening sides, in the identity's directory. */
    public static final String KNOWN_HOSTS = "known_hosts";

    /**
     * What a listening side runs with.
     *
     * @param security the TLS and the admission of its connections
     * @param token    the token a peer presents to get in (for the ticket), or null when none is required
     * @param open     true when it admits anyone although it would require authorization by default
     */
    public record Listening(Security security, AccessToken token, boolean open) {
    }

    private final SecurityOptions options;
    private final Identity identity;
    private final Tls tls;

    private Credentials(SecurityOptions options, Identity identity) {
        this.options = options;
        this.identity = identity;
        this.tls = identity == null ? null : Tls.of(identity.privateKey(), identity.certificate());
    }

    /**
     * Loads the identity the options name, creating it on first use; none with {@code --plain}.
     *
     * @param env the environment, for the default directory
     * @throws IOException if the identity cannot be read or created
     */
    public static Credentials load(SecurityOptions options, Map<String, String> env) throws IOException {
        if (options.plain) {
            return new Credentials(options, null);
        }
        Path directory;
        try {
            directory = options.identity != null ? options.identity : Identity.defaultDirectory(env);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage() + "; or give --identity DIR");
        }
        return new Credentials(options, Identity.loadOrCreate(directory));
    }

    /** True with {@code --plain}. */
    public boolean plain() {
        return identity == null;
    }

    /** Our identity, or null with {@code --plain}. */
    public Identity identity() {
        return identity;
    }

    /** The line each app prints at start: our fingerprint, and where it was created if it is new. */
    public String identityLine() {
        if (identity == null) {
            return "in clear (--plain): no encryption, no identities, no authorization";
        }
        return "identity " + identity.fingerprint()
                + (identity.created() ? " (new, created in " + identity.directory() + ")" : "");
    }

    /**
     * Prints {@link #identityLine()} for {@code app} on stderr (stdout is for what a script reads:
     * a catalogue, {@code --json}); the apps call it once their local checks have passed.
     */
    public void announce(String app, CommandOutput output) {
        output.err().println(app + ": " + identityLine());
        output.err().flush();
    }

    /** The ticket given with {@code --ticket}, or null. */
    public Ticket ticket() {
        return options.ticket == null ? null : Ticket.parse(options.ticket);
    }

    /**
     * The security of a connecting side: the pin ({@code --pin} or the ticket's) or trust on
     * first use, and the token of the ticket or of {@code --token-file}.
     *
     * @param peerName the listening side's role, in messages: {@code sender} or {@code receiver}
     * @param notices  where the first use of a host is told
     */
    public Security connecting(String peerName, Consumer<String> notices) throws IOException {
        if (identity == null) {
            return Security.PLAIN;
        }
        Ticket ticket = ticket();
        Fingerprint pin = ticket != null ? ticket.pin() : options.pin == null ? null : Fingerprint.parse(options.pin);
        ServerCheck check = pin != null ? new PinnedServer(pin, peerName)
                : new KnownHosts(identity.directory().resolve(KNOWN_HOSTS), peerName, notices);
        AccessToken token = ticket != null ? ticket.token()
                : options.tokenFile == null ? null : AccessToken.read(options.tokenFile);
        return Security.connecting(tls, check, token);
    }

    /**
     * The security of a listening side.
     *
     * @param authorizationByDefault true where real content is served or stored ({@code --send},
     *                               {@code --listen}); otherwise only {@code --require-token} asks for it
     * @param self                   {@code sender} or {@code receiver}, in refusals
     */
    public Listening listening(boolean authorizationByDefault, String self) throws IOException {
        boolean required = !options.open && (authorizationByDefault || options.requireToken
                || options.tokenFile != null || options.authorizedKeys != null);
        boolean open = authorizationByDefault && options.open;
        if (identity == null) {
            return new Listening(Security.PLAIN, null, open);
        }
        if (!required) {
            return new Listening(Security.listening(tls, Admission.ANYONE), null, open);
        }
        AuthorizedKeys keys = options.authorizedKeys == null ? null : AuthorizedKeys.read(options.authorizedKeys);
        AccessToken token = options.tokenFile != null ? AccessToken.read(options.tokenFile)
                : keys != null && !options.requireToken ? null : AccessToken.generate();
        return new Listening(Security.listening(tls, new Authorization(token, keys, self)), token, false);
    }

    /**
     * The ticket a listening side prints: the address of {@code --advertise}, or of
     * {@code bindAddress} unless it is every interface, or this machine's addresses; our pin; the token.
     */
    public String ticket(Listening listening, String bindAddress, int port) {
        List<String> hosts = options.advertise != null ? List.of(options.advertise)
                : isWildcard(bindAddress) ? localAddresses() : List.of(bindAddress);
        return new Ticket(hosts, port, identity.fingerprint(), listening.token()).format();
    }

    /** True when a connecting side's address comes from the ticket (no {@code --host} given). */
    public boolean ticketGivesAddress() {
        return options.ticket != null;
    }

    private static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
    }

    /** The addresses another machine may reach us at: IPv4 first, no loopback or link-local; loopback if none. */
    private static List<String> localAddresses() {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLinkLocalAddress() || address.isLoopbackAddress()) {
                        continue;
                    }
                    // the shortest form, without a zone, which only means something on this machine
                    String text = Addresses.host(address);
                    int zone = text.indexOf('%');
                    if (address instanceof Inet4Address) {
                        v4.add(text);
                    } else {
                        v6.add(zone < 0 ? text : text.substring(0, zone));
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: loopback below
        }
        v4.addAll(v6);
        return v4.isEmpty() ? List.of("127.0.0.1") : v4;
    }
}
