package dev.txrx.it;

import dev.txrx.common.tls.AccessToken;
import dev.txrx.common.tls.Identity;
import dev.txrx.common.tls.Tls;
import dev.txrx.common.transport.Admission;
import dev.txrx.common.transport.Authorization;
import dev.txrx.common.transport.Security;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The identities and the access token the integration tests run with, all under a temporary
 * directory: no test reads or writes the real home directory's identity or known hosts. Each app
 * a test starts gets an identity of its own, and all of them share one token, so that every flow
 * runs over TLS with authorization as users run it.
 */
final class TestSecurity {

    private static final Path ROOT;
    /** The file holding the token every listening side of the tests requires and every connecting side presents. */
    static final Path TOKEN_FILE;
    static final AccessToken TOKEN;
    private static final AtomicInteger IDENTITIES = new AtomicInteger();

    static {
        try {
            ROOT = Files.createTempDirectory("txrx-it-security");
            TOKEN = AccessToken.generate();
            TOKEN_FILE = ROOT.resolve("token");
            TOKEN.writeTo(TOKEN_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestSecurity() {
    }

    /** A directory for a new identity, created on its first use. */
    static Path identityDirectory() {
        return ROOT.resolve("identity-" + IDENTITIES.incrementAndGet());
    }

    /** A new identity. */
    static Identity identity() {
        try {
            return Identity.loadOrCreate(identityDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TLS with a new identity. */
    static Tls tls() {
        Identity identity = identity();
        return Tls.of(identity.privateKey(), identity.certificate());
    }

    /** A listening side that requires {@link #TOKEN}. */
    static Security listening(String self) {
        return Security.listening(tls(), new Authorization(TOKEN, null, self));
    }

    /** A listening side that admits anyone (still TLS). */
    static Security listeningOpen() {
        return Security.listening(tls(), Admission.ANYONE);
    }

    /** A connecting side that accepts any listening side's identity and presents {@link #TOKEN}. */
    static Security connecting() {
        return Security.connecting(tls(), (host, port, certificate) -> { }, TOKEN);
    }

    /**
     * {@code args} with a new identity directory and the shared token file, as a test's app runs:
     * unless they speak in clear ({@code --plain}) or already choose their own (an identity, a
     * ticket, {@code --open}).
     */
    static String[] withCredentials(String... args) {
        return with(true, args);
    }

    /** {@code args} with a new identity directory only: an app that presents or requires no token. */
    static String[] withIdentityOnly(String... args) {
        return with(false, args);
    }

    private static String[] with(boolean token, String... args) {
        List<String> given = List.of(args);
        List<String> all = new ArrayList<>(given);
        if (given.contains("--plain")) {
            return args;
        }
        if (!given.contains("--identity")) {
            all.add("--identity");
            // made here, in the tests' warm JVM: a fresh app process would spend most of a second on it
            all.add(identity().directory().toString());
        }
        if (token && !given.contains("--ticket") && !given.contains("--open") && !given.contains("--token-file")
                && !given.contains("--authorized-keys")) {
            all.add("--token-file");
            all.add(TOKEN_FILE.toString());
        }
        return all.toArray(String[]::new);
    }
}
